//go:build !unix

package store

func noSpace(dir string) bool { return false }
