# juesuan — the two set-up commands are `make demo` and `make test`.
CARGO ?= cargo

.PHONY: build test demo bench clean

build:
	$(CARGO) build --release

# The render tests' LibreOffice gets a fontconfig file of its own: the system configuration,
# then tests/fonts.conf's aliases (仿宋_GB2312 → Noto Serif CJK SC, …). Nothing is written to
# the user's home. Without a system fontconfig the variable is left unset.
SYSTEM_FONTS_CONF := $(firstword $(wildcard /etc/fonts/fonts.conf /usr/local/etc/fonts/fonts.conf /opt/homebrew/etc/fonts/fonts.conf))
TEST_FONTS_CONF := $(CURDIR)/target/juesuan-fonts.conf
TEST_ENV := $(if $(SYSTEM_FONTS_CONF),FONTCONFIG_FILE=$(TEST_FONTS_CONF))

## Run every test (unit, integration, doc tests).
test:
ifneq ($(SYSTEM_FONTS_CONF),)
	@mkdir -p target
	@printf '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <include>%s</include>\n  <include>%s</include>\n</fontconfig>\n' '$(SYSTEM_FONTS_CONF)' '$(CURDIR)/tests/fonts.conf' > $(TEST_FONTS_CONF)
endif
	$(TEST_ENV) $(CARGO) test --release --all-targets
	$(TEST_ENV) $(CARGO) test --release --doc

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
