// Package cputime reads the CPU time (user + system) the process has used,
// for benchmarks that report it beside wall time: on a shared machine the
// wall time of a benchmark depends on what else runs, the CPU time much less.
package cputime

import "time"

// Process is the CPU time, user plus system, of this process so far, or
// zero where the system does not say.
func Process() time.Duration { return process() }
