//go:build !windows

package fileerr

import "syscall"

var (
	diskFull = []syscall.Errno{syscall.ENOSPC, syscall.EDQUOT}
	inUse    = []syscall.Errno{syscall.ETXTBSY}
	badName  []syscall.Errno
)
