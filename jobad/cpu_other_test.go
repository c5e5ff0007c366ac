//go:build !unix

package jobad

import "time"

func cpuTime() time.Duration { return 0 }
