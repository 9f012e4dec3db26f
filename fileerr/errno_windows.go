package fileerr

import "syscall"

// Windows error codes (winerror.h): the disk is full, the file is open in
// another program (Word keeps a .docx locked), the name has a character
// Windows does not allow.
var (
	diskFull = []syscall.Errno{112, 39}                 // ERROR_DISK_FULL, ERROR_HANDLE_DISK_FULL
	inUse    = []syscall.Errno{32, 33}                  // ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION
	badName  = []syscall.Errno{123, syscall.Errno(161)} // ERROR_INVALID_NAME, ERROR_BAD_PATHNAME
)
