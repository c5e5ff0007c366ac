// Package packaging holds what makes Hatcheck installable (see "make dist"):
// the AppStream metainfo, the script that builds the Debian package, the one
// that gathers the licences, and their tests. metainfo_test.go keeps the
// metainfo in step with FyneApp.toml and docs/screenshots; install_test.go
// (go test -tags dist, "make dist-test") installs the built .deb and tarball,
// runs them, opens the window under Xvfb and removes them again.
package packaging
