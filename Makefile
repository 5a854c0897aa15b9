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
	./target/release/juesuan generate samples/01_区委办公室.xlsx -o out/区委办公室_2023年度部门决算.docx
	./target/release/juesuan generate samples/03_农业技术服务中心 --prior samples/03_农业技术服务中心_上年 -o out/农业技术服务中心_2023年度部门决算.docx

## Benchmarks (figures in README).
bench: build
	./target/release/juesuan-bench --count $(or $(COUNT),1000) --dir target/bench

clean:
	$(CARGO) clean
	rm -rf out
