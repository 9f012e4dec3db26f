package collect

import (
	"os"
	"testing"
)

// FuzzRead: no returned sheet, however broken, panics the reader or the
// merge; a sheet that reads comes without an error.
func FuzzRead(f *testing.F) {
	tpl, a := builtin(f, "township-halfyear")
	for _, p := range writeSheets(f, tpl, Options{Answers: a, Previous: a})[:2] {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("PK\x03\x04"))
	f.Add(append([]byte{0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1}, "E\x00n\x00c\x00"...))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := ReadBytes("x.xlsx", data)
		if err != nil {
			if r != nil {
				t.Fatal("a sheet and an error")
			}
			return
		}
		if res, err := Merge(tpl, a, []*Returned{r}, MergeOptions{Matching: true}); err == nil {
			res.Lines(false)
		}
	})
}
