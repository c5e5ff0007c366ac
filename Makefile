# Hatcheck: two commands for a newcomer on Debian or Ubuntu.
#   make run    set up (system packages, Go modules), build and open the app
#   make test   set up, then vet, run every test under the race detector,
#               and give the parsers a short fuzz run
SHELL := /bin/bash
GO    ?= go
BIN   := bin/hatcheck

# What the cgo build of Fyne, the tests and the screenshots need.
APT_PACKAGES := gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev \
	libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev xvfb xauth \
	poppler-utils xdotool imagemagick

# Fuzz budgets are execution counts, not durations: a duration-based
# -fuzztime can fail with "context deadline exceeded" and no crasher
# (Go issue 75804, unfixed in Go 1.26). Each is about 10 s on a 2-core machine.
FUZZ_ANSWERS ?= 100000x
FUZZ_BANK    ?= 3000x

# Tests run in a fixed locale; each test makes its own temporary HOME.
export LANG := en_US.UTF-8

.PHONY: run test deps build check-data fuzz bench compare-chromium e2e screenshots clean

run: deps build
	./$(BIN)

# The embedded item bank, model and plan content are checked against their
# rules here and by "make test", not in every run of the program.
build: deps check-data
	$(GO) build -o $(BIN) .

check-data:
	$(GO) test -count=1 -run '^(TestEmbeddedBankIsValid|TestEmbeddedEngineIsValid)$$' ./questions ./assessment

# Install only the packages that are missing, with sudo when not root.
deps:
	@command -v dpkg >/dev/null || { echo "make: this Makefile installs packages on Debian or Ubuntu only; install: $(APT_PACKAGES)"; exit 1; }
	@missing=""; \
	for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "Installing missing system packages:$$missing"; \
		sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
		$$sudo apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	@command -v $(GO) >/dev/null || { echo "make: Go is missing; install Go 1.24 or newer from https://go.dev/dl/ and run make again"; exit 1; }
	@$(GO) mod download

test: deps
	$(GO) vet ./...
	$(GO) vet -tags ci ./...
	$(GO) vet -tags e2e ./e2e
	$(GO) test -race -tags ci ./...
	$(MAKE) --no-print-directory fuzz
	$(MAKE) --no-print-directory e2e

# The real binary in a real window: the test builds the app with the desktop
# driver, starts its own Xvfb, and drives it with xdotool.
e2e: deps
	$(GO) test -tags e2e -count=1 -v ./e2e

# Screenshots of every screen, from the real window, into docs/screenshots.
screenshots: deps
	mkdir -p docs/screenshots
	HATCHECK_SCREENSHOTS=$(CURDIR)/docs/screenshots $(GO) test -tags e2e -count=1 ./e2e

# A short fuzz run per parser: long enough to catch a panic on odd input.
fuzz:
	$(GO) test -tags ci -run '^$$' -fuzz '^FuzzParseAnswers$$' -fuzztime $(FUZZ_ANSWERS) -fuzzminimizetime 200x ./assessment
	$(GO) test -tags ci -run '^$$' -fuzz '^FuzzParseBank$$' -fuzztime $(FUZZ_BANK) -fuzzminimizetime 200x ./questions
	$(GO) test -tags ci -run '^$$' -fuzz '^FuzzSanitize$$' -fuzztime $(FUZZ_ANSWERS) -fuzzminimizetime 200x ./report
	$(GO) test -tags ci -run '^$$' -fuzz '^FuzzCmapRunes$$' -fuzztime $(FUZZ_ANSWERS) -fuzzminimizetime 200x ./report
	$(GO) test -tags ci -run '^$$' -fuzz '^FuzzParseResults$$' -fuzztime $(FUZZ_BANK) -fuzzminimizetime 200x ./store
	$(GO) test -tags ci -run '^$$' -fuzz '^FuzzParseCSV$$' -fuzztime $(FUZZ_BANK) -fuzzminimizetime 200x ./assessment
	$(GO) test -tags ci -run '^$$' -fuzz '^FuzzString$$' -fuzztime $(FUZZ_ANSWERS) -fuzzminimizetime 200x ./internal/termsafe
	$(GO) test -tags ci -run '^$$' -fuzz '^FuzzSplit$$' -fuzztime $(FUZZ_BANK) -fuzzminimizetime 200x ./jobad
	$(GO) test -tags ci -run '^$$' -fuzz '^FuzzStripHTML$$' -fuzztime $(FUZZ_ANSWERS) -fuzzminimizetime 200x ./jobad

# Benchmarks report CPU time (ms-cpu/op, s-cpu/op) beside wall time; see
# docs/PERFORMANCE.md for how the published figures were taken.
bench:
	$(GO) test -tags ci -run '^$$' -bench . -benchmem ./assessment ./report ./store ./workshop ./jobad

# One plan from Hatcheck, from the unpatched gofpdf and from headless
# Chromium (apt-get install chromium); not part of "make test".
compare-chromium:
	scripts/compare-chromium.sh

clean:
	rm -rf bin
