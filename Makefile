# Hatcheck: two commands for a newcomer on Debian or Ubuntu.
#   make run    set up (system packages, Go modules), build and open the app
#   make test   set up, then vet, run every test under the race detector,
#               and give the parsers a short fuzz run
# and one for a release:
#   make dist   the Linux tarball, the .deb and the Windows zip, in dist/
SHELL := /bin/bash
GO    ?= go
BIN   := bin/hatcheck
# The window's own program; bin/hatcheck (the command line, without the GUI
# toolkit) starts it when run without arguments. See main.go.
WINDOW_BIN := bin/hatcheck-window

# The version is FyneApp.toml's; the commit is recorded in the binary for
# "hatcheck --version" ("-modified" when tracked files have changes).
VERSION := $(shell sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)
APP_ID  := $(shell sed -n 's/^ID *= *"\(.*\)"/\1/p' FyneApp.toml)
COMMIT  := $(shell git rev-parse HEAD 2>/dev/null)$(shell git status --porcelain --untracked-files=no 2>/dev/null | grep -q . && echo -modified)
LDFLAGS := $(if $(COMMIT),-X=hatcheck/internal/about.commit=$(COMMIT))

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

.PHONY: run test deps build check-data fuzz bench compare-chromium e2e screenshots clean \
	dist dist-linux dist-deb dist-windows dist-test dist-deps windows-deps fyne-tool FORCE

run: deps build
	./$(BIN)

# The embedded item bank, model and plan content are checked against their
# rules here and by "make test", not in every run of the program.
build: deps check-data
	$(GO) build -ldflags '$(LDFLAGS)' -o $(WINDOW_BIN) .
	CGO_ENABLED=0 $(GO) build -tags cli -ldflags '$(LDFLAGS)' -o $(BIN) .

check-data:
	$(GO) test -count=1 -run '^(TestEmbeddedBankIsValid|TestEmbeddedEngineIsValid)$$' ./questions ./assessment

# $(call apt-install,PACKAGES): install those of PACKAGES that are missing,
# with sudo when not root.
define apt-install
	@command -v dpkg >/dev/null || { echo "make: this Makefile installs packages on Debian or Ubuntu only; install: $(1)"; exit 1; }
	@missing=""; \
	for p in $(1); do dpkg-query -W -f '$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "Installing missing system packages:$$missing"; \
		sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
		$$sudo apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

deps:
	$(call apt-install,$(APT_PACKAGES))
	@command -v $(GO) >/dev/null || { echo "make: Go is missing; install Go 1.24 or newer from https://go.dev/dl/ and run make again"; exit 1; }
	@$(GO) mod download

test: deps
	$(GO) vet ./...
	$(GO) vet -tags ci ./...
	GOOS=windows $(GO) vet -tags ci ./...
	$(GO) vet -tags cli .
	$(GO) vet -tags e2e ./e2e
	$(GO) vet -tags dist ./packaging
	$(GO) test -race -tags ci ./...
	@# The tests of Hatcheck's patch to Fyne (third_party/fyne/PATCHES.md).
	$(GO) test -race fyne.io/fyne/v2/internal/painter
	$(MAKE) --no-print-directory fuzz
	$(MAKE) --no-print-directory e2e
	@if [ -x "$(FYNE)" ]; then \
		$(MAKE) --no-print-directory dist-test; \
	else \
		echo "make test: the install test of the packages is skipped: the Fyne tool is not installed (make fyne-tool installs it)"; \
	fi

# The real binary in a real window: the test builds the app with the desktop
# driver, starts its own Xvfb, and drives it with xdotool.
e2e: deps
	HATCHECK_LDFLAGS='$(LDFLAGS)' $(GO) test -tags e2e -count=1 -v ./e2e

# Screenshots of every screen, from the real window, into docs/screenshots.
screenshots: deps
	mkdir -p docs/screenshots
	HATCHECK_SCREENSHOTS=$(CURDIR)/docs/screenshots HATCHECK_LDFLAGS='$(LDFLAGS)' $(GO) test -tags e2e -count=1 ./e2e

# A short fuzz run per parser: long enough to catch a panic on odd input.
fuzz:
	$(GO) test -tags ci -run '^$$' -fuzz '^FuzzParseAnswers$$' -fuzztime $(FUZZ_ANSWERS) -fuzzminimizetime 200x ./assessment
	$(GO) test -tags ci -run '^$$' -fuzz '^FuzzParseBank$$' -fuzztime $(FUZZ_BANK) -fuzzminimizetime 200x ./questions
	$(GO) test -tags ci -run '^$$' -fuzz '^FuzzSanitize$$' -fuzztime $(FUZZ_ANSWERS) -fuzzminimizetime 200x ./report
	$(GO) test -tags ci -run '^$$' -fuzz '^FuzzCmapRunes$$' -fuzztime $(FUZZ_ANSWERS) -fuzzminimizetime 200x ./report
	$(GO) test -tags ci -run '^$$' -fuzz '^FuzzParseResults$$' -fuzztime $(FUZZ_BANK) -fuzzminimizetime 200x ./store
	$(GO) test -tags ci -run '^$$' -fuzz '^FuzzParseCSV$$' -fuzztime $(FUZZ_BANK) -fuzzminimizetime 200x ./assessment
	$(GO) test -tags ci -run '^$$' -fuzz '^FuzzJSONText$$' -fuzztime $(FUZZ_ANSWERS) -fuzzminimizetime 200x ./assessment
	$(GO) test -tags ci -run '^$$' -fuzz '^FuzzString$$' -fuzztime $(FUZZ_ANSWERS) -fuzzminimizetime 200x ./internal/termsafe
	$(GO) test -tags ci -run '^$$' -fuzz '^FuzzParseCatalogue$$' -fuzztime $(FUZZ_ANSWERS) -fuzzminimizetime 200x ./internal/i18n
	$(GO) test -tags ci -run '^$$' -fuzz '^FuzzFill$$' -fuzztime $(FUZZ_ANSWERS) -fuzzminimizetime 200x ./internal/i18n
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
	rm -rf bin dist

# ---- Packages for people: make dist ------------------------------------------
#
# dist/hatcheck-VERSION-linux-amd64.tar.xz  fyne package's tarball: the two
#     programs (hatcheck, the command line, and hatcheck-window, which it
#     starts; packaging/two-programs.sh), the icon, the desktop entry and a
#     Makefile (install, uninstall, user-install, user-uninstall), plus
#     LICENSES.txt
# dist/hatcheck_VERSION_amd64.deb           the Debian and Ubuntu package
# dist/hatcheck-VERSION-windows-amd64.zip   hatcheck.exe with the icon and
#     version resource the Fyne tool embeds, README.md and LICENSES.txt
#
# fyne package builds the app itself (with -tags release, -trimpath, -s -w)
# in a copy of the source under dist/.build: it writes files into the folder
# it builds and raises FyneApp.toml's Build after each package.

# fyne.io/tools v1.7.x is the Fyne tool for Fyne v2.7 (v1.7.2 requires
# fyne v2.7.0; v1.7.4 already requires v2.8).
FYNE_TOOL_VERSION := v1.7.2
FYNE := $(or $(shell $(GO) env GOBIN 2>/dev/null),$(shell $(GO) env GOPATH 2>/dev/null)/bin)/fyne
# What the packages need beyond the build: dpkg-shlibdeps, appstreamcli,
# desktop-file-validate, xz; and for Windows, the MinGW-w64 C compiler and zip.
DIST_APT_PACKAGES    := dpkg-dev appstream desktop-file-utils xz-utils
WINDOWS_APT_PACKAGES := gcc-mingw-w64-x86-64 zip
# Where docs/screenshots/ of this version is published on the web, for the
# software centres' screenshots (see packaging/$(APP_ID).metainfo.xml).
SCREENSHOTS_URL ?=
DEB_MAINTAINER ?= $(or $(shell git log -1 --format='%an <%ae>' 2>/dev/null),Hatcheck maintainers <maintainers@hatcheck.invalid>)
# File dates in the packages: the commit's time, so that rebuilding a commit
# gives the same archives.
SOURCE_DATE_EPOCH ?= $(or $(shell git log -1 --format=%ct 2>/dev/null),$(shell date +%s))
export SOURCE_DATE_EPOCH

TARBALL := dist/hatcheck-$(VERSION)-linux-amd64.tar.xz
DEB     := dist/hatcheck_$(VERSION)_amd64.deb
ZIP     := dist/hatcheck-$(VERSION)-windows-amd64.zip
BUILD   := dist/.build
# The source fyne package builds: this work tree as it is, without what is
# not source, and with the commit written in as Go: fyne package takes
# -ldflags only from GOFLAGS, and drops them when it builds a second time for
# Windows (to embed the icon).
COPY_SOURCE = rm -rf $(1) && mkdir -p $(1) && \
	tar -c --exclude=./.git --exclude=./dist --exclude=./bin --exclude='*.test' . | tar -x -C $(1) \
	$(if $(COMMIT),&& printf '%s\n' 'package about' '' '// Written by make dist in its copy of the source.' \
		'func init() { commit = "$(COMMIT)" }' > $(1)/internal/about/commit_dist.go)
# The commit must be in the binary (none when building outside git).
CHECK_COMMIT = $(if $(COMMIT),grep -qa '$(COMMIT)' $(1) || { echo "make: $(1) does not name commit $(COMMIT)"; exit 1; })
REPRODUCIBLE_TAR := tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@$(SOURCE_DATE_EPOCH)

# An artefact is remade only when what it is made from has changed, so that
# "make dist-test" (which "make test" runs) does not build the packages again
# each time. What they are made from: the files COPY_SOURCE copies (found
# only when a dist target is wanted, through secondary expansion), and a
# stamp per artefact holding the settings that are not files: the commit,
# the Fyne tool's version, and for the .deb its maintainer and screenshots
# address. A stamp is rewritten only when its text changes.
DIST_SOURCES = $(shell find . \( -path ./.git -o -path ./dist -o -path ./bin \) -prune -o -type f ! -name '*.test' -print)
STAMP = @mkdir -p $(@D); printf '%s\n' $(1) | cmp -s - $@ || printf '%s\n' $(1) > $@
.SECONDEXPANSION:
# A package half written by a failed step would otherwise count as made.
.DELETE_ON_ERROR:

dist: dist-linux dist-deb dist-windows
	@ls -l dist/*.tar.xz dist/*.deb dist/*.zip

dist-deps: deps
	$(call apt-install,$(DIST_APT_PACKAGES))

windows-deps: deps
	$(call apt-install,$(WINDOWS_APT_PACKAGES))

# Installs the Fyne tool with go install when it is missing or another version.
fyne-tool:
	@if ! "$(FYNE)" version 2>/dev/null | grep -q 'fyne cli version: $(FYNE_TOOL_VERSION)$$'; then \
		echo "Installing the Fyne tool fyne.io/tools/cmd/fyne@$(FYNE_TOOL_VERSION)"; \
		$(GO) install fyne.io/tools/cmd/fyne@$(FYNE_TOOL_VERSION); \
	fi

$(BUILD)/linux.stamp: FORCE
	$(call STAMP,'$(COMMIT)' '$(FYNE_TOOL_VERSION)')
$(BUILD)/deb.stamp: FORCE
	$(call STAMP,'$(DEB_MAINTAINER)' '$(SCREENSHOTS_URL)')
$(BUILD)/windows.stamp: FORCE
	$(call STAMP,'$(COMMIT)' '$(FYNE_TOOL_VERSION)')
FORCE:

dist-linux: $(TARBALL)
$(TARBALL): $$(DIST_SOURCES) $(BUILD)/linux.stamp | dist-deps fyne-tool
	$(call COPY_SOURCE,$(BUILD)/linux/src)
	cd $(BUILD)/linux/src && CGO_ENABLED=0 $(GO) build -tags cli -trimpath -ldflags '-s -w' -o ../hatcheck-cli .
	cd $(BUILD)/linux/src && "$(FYNE)" package --target linux --release
	rm -rf $(BUILD)/linux/pkg && mkdir -p $(BUILD)/linux/pkg
	tar -xJf $(BUILD)/linux/src/Hatcheck.tar.xz -C $(BUILD)/linux/pkg
	packaging/two-programs.sh $(BUILD)/linux/hatcheck-cli $(BUILD)/linux/pkg/hatcheck
	$(call CHECK_COMMIT,$$(ls $(BUILD)/linux/pkg/hatcheck/usr/local/bin/hatcheck $(BUILD)/linux/pkg/hatcheck/usr/bin/hatcheck 2>/dev/null | head -1))
	$(call CHECK_COMMIT,$$(ls $(BUILD)/linux/pkg/hatcheck/usr/local/bin/hatcheck-window $(BUILD)/linux/pkg/hatcheck/usr/bin/hatcheck-window 2>/dev/null | head -1))
	@# fyne.io/tools v1.7.2 names the icon in its Makefile without ".png", so
	@# its install targets fail (fixed in later versions: fyne-io/tools#139).
	sed -i 's/^Icon := "\(.*\)"$$/Icon := "\1.png"/' $(BUILD)/linux/pkg/hatcheck/Makefile
	grep -q '^Icon := "$(APP_ID).png"$$' $(BUILD)/linux/pkg/hatcheck/Makefile
	@# The window's program links everything the command line's does, and more.
	cd $(BUILD)/linux/src && ../../../../packaging/licences.sh $$(ls ../pkg/hatcheck/usr/local/bin/hatcheck-window ../pkg/hatcheck/usr/bin/hatcheck-window 2>/dev/null | head -1) \
		> ../pkg/hatcheck/LICENSES.txt
	@mkdir -p dist
	$(REPRODUCIBLE_TAR) -cJf $@.tmp -C $(BUILD)/linux/pkg hatcheck && mv $@.tmp $@

dist-deb: $(DEB)
$(DEB): $(TARBALL) $(BUILD)/deb.stamp | dist-deps
	VERSION=$(VERSION) APP_ID=$(APP_ID) MAINTAINER='$(DEB_MAINTAINER)' SCREENSHOTS_URL='$(SCREENSHOTS_URL)' \
		packaging/deb.sh $(BUILD)/linux/pkg/hatcheck $(BUILD)/linux/pkg/hatcheck/LICENSES.txt $@

# Cross-compiled with MinGW-w64; it cannot be run here (see README.md). The
# Fyne tool compiles C with -fstack-protector-strong and _FORTIFY_SOURCE,
# whose checks MinGW keeps in libssp: linked in whole, so that no
# libssp-0.dll has to come along.
dist-windows: $(ZIP)
$(ZIP): $$(DIST_SOURCES) $(BUILD)/windows.stamp | windows-deps fyne-tool
	$(call COPY_SOURCE,$(BUILD)/windows/src)
	cd $(BUILD)/windows/src && CC=x86_64-w64-mingw32-gcc GOARCH=amd64 CGO_LDFLAGS=-l:libssp.a \
		"$(FYNE)" package --target windows --release
	$(call CHECK_COMMIT,$(BUILD)/windows/src/Hatcheck.exe)
	rm -rf $(BUILD)/windows/zip && mkdir -p $(BUILD)/windows/zip/hatcheck-$(VERSION)-windows-amd64
	mv $(BUILD)/windows/src/Hatcheck.exe $(BUILD)/windows/zip/hatcheck-$(VERSION)-windows-amd64/hatcheck.exe
	cp README.md $(BUILD)/windows/zip/hatcheck-$(VERSION)-windows-amd64/
	cd $(BUILD)/windows/src && ../../../../packaging/licences.sh ../zip/hatcheck-$(VERSION)-windows-amd64/hatcheck.exe \
		> ../zip/hatcheck-$(VERSION)-windows-amd64/LICENSES.txt
	@mkdir -p dist
	rm -f $@ && cd $(BUILD)/windows/zip && find . -exec touch -d @$(SOURCE_DATE_EPOCH) {} + && \
		zip -X -q -r ../../../$(notdir $@) hatcheck-$(VERSION)-windows-amd64

# Installs the .deb on this machine (dpkg -i, with sudo when not root) and the
# tarball into a temporary prefix, runs them, opens the window under Xvfb,
# screenshots it into dist/install-test/, and removes both again.
dist-test: dist-linux dist-deb
	$(GO) test -tags dist -count=1 -timeout 30m -v ./packaging
