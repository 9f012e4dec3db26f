package tui

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/nigao/nigao/atomicfile"
	"github.com/nigao/nigao/fileerr"
	"github.com/nigao/nigao/inputfile"
	"github.com/nigao/nigao/schema"
)

// AutosaveDir is where answers typed without -a are kept, one file per
// template: os.UserConfigDir()/nigao/autosave.
func AutosaveDir() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("找不到用户配置目录，无法自动保存：%w（可用 -a 指定答案文件）", err)
	}
	return filepath.Join(dir, "nigao", "autosave"), nil
}

// AutosavePath is the autosave file of a template.
func AutosavePath(templateID string) (string, error) {
	dir, err := AutosaveDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, safeFileName(templateID)+".yaml"), nil
}

// PreviousPath is where last period's answers for a template's autosave
// are kept, beside it in dir: 模板id.上年.yaml. The form shows them as
// 上年 when the wizard is given no --previous.
func PreviousPath(dir, templateID string) string {
	return filepath.Join(dir, safeFileName(templateID)+".上年.yaml")
}

func safeFileName(s string) string {
	out := []rune{}
	for _, r := range s {
		switch r {
		case '/', '\\', ':', '*', '?', '"', '<', '>', '|', 0:
			r = '_'
		}
		out = append(out, r)
	}
	if len(out) == 0 {
		return "_"
	}
	return string(out)
}

// store holds the answers being edited and where they are saved. Every
// save is atomic (schema.Answers.Save writes a temp file and renames),
// and none overwrites a file changed by someone else since nigao last
// read or wrote it (the clerk in Notepad, a second wizard): that is
// errChanged, and the wizard asks.
type store struct {
	a        *schema.Answers
	path     string // where answers are saved
	autosave bool   // path is the per-template autosave, not a file the clerk named
	saved    time.Time
	err      error
	dirty    bool      // changed since the last save
	stamp    fileStamp // path as nigao last read or wrote it
	paused   bool      // the clerk put off deciding about a changed file: no autosaving
	// named is false while the answers live only in the autosave file and
	// were neither saved under a name nor exported: quitting then asks.
	unexported bool
}

// errChanged: the answers file was changed outside the wizard.
var errChanged = errors.New("答案文件在向导之外被改过，没有覆盖它")

// fileStamp is what a file held, to tell whether it changed: its bytes
// (an answers file is a few KB: reading it before a save costs
// microseconds, and unlike a time and size it misses nothing).
type fileStamp struct {
	data   []byte
	exists bool
}

func stampOf(path string) fileStamp {
	// not a regular file (a pipe someone named): not read, and no save
	// will replace it
	data, err := inputfile.Read(path, "答案文件", schema.MaxSourceSize)
	if err != nil {
		return fileStamp{}
	}
	return fileStamp{data: data, exists: true}
}

// changedOnDisk reports that the file at path is not what nigao last
// read or wrote (one that has gone since is no one's work: not changed).
func (s *store) changedOnDisk() bool {
	now := stampOf(s.path)
	return now.exists && (!s.stamp.exists || !bytes.Equal(now.data, s.stamp.data))
}

// takeDisk makes the file as it is now the base of the next save: the
// clerk chose to overwrite it.
func (s *store) takeDisk() {
	s.stamp = stampOf(s.path)
	s.paused = false
}

func (s *store) changed() {
	s.dirty = true
	s.unexported = true
}

// save writes the answers if they changed (or always, when force).
func (s *store) save(force bool) error {
	if s.path == "" || (!s.dirty && !force) || (s.paused && !force) {
		return nil
	}
	if s.changedOnDisk() {
		s.err = errChanged
		return errChanged
	}
	if err := os.MkdirAll(filepath.Dir(s.path), 0o755); err != nil {
		s.err = fmt.Errorf("保存答案：%w", fileerr.Explain(fileerr.MakeDir, "", filepath.Dir(s.path), err))
		return s.err
	}
	data, err := s.a.Encode()
	if err == nil {
		err = atomicfile.WriteFile(s.path, data, 0o644)
	}
	if err != nil {
		s.err = fmt.Errorf("保存答案：%w", err)
		return s.err
	}
	s.err = nil
	s.dirty = false
	s.saved = time.Now()
	s.stamp = fileStamp{data: data, exists: true}
	return nil
}

// draftInfo describes an unfinished autosaved draft.
type draftInfo struct {
	path    string
	answers *schema.Answers
	filled  int
	modTime time.Time
}
