package main

import (
	"fmt"
	"os"
	"path/filepath"

	"go.yaml.in/yaml/v3"

	"github.com/nigao/nigao/atomicfile"
	"github.com/nigao/nigao/inputfile"
)

// What a command writes never replaces what it reads, nor, for render, a
// file the clerk did not ask it to replace.

// input is a file a command reads, and what it is to the clerk.
type input struct{ what, path string }

// notAnInput refuses an output that is one of the command's inputs. Files
// are compared by identity (os.SameFile), so another name, a link or a
// path with ../ in it is the same file still.
func notAnInput(out string, ins []input) error {
	ofi, err := os.Stat(out)
	if err != nil {
		return nil // not there yet: nothing to replace
	}
	for _, in := range ins {
		if in.path == "" {
			continue
		}
		if ifi, err := os.Stat(in.path); err == nil && os.SameFile(ofi, ifi) {
			return fmt.Errorf("不能写到 %s：它就是这次要读的%s %s，写进去原来的内容就没了（请换一个输出文件名）", out, in.what, in.path)
		}
	}
	return nil
}

// sameFile reports whether a and b name one existing file.
func sameFile(a, b string) bool {
	afi, aerr := os.Stat(a)
	bfi, berr := os.Stat(b)
	return aerr == nil && berr == nil && os.SameFile(afi, bfi)
}

// render replaces an existing file only with --force, or when it is the
// draft render itself last wrote there from the same answers file (or,
// with none, the same template) and it has not changed since: re-running
// render after changing a figure needs no --force, while a file of
// someone else's, or a draft edited in Word after it was written, is not
// replaced without asking. What render wrote is recorded in the user's
// cache folder (drafts.yaml): where, from what, and the size and time of
// change it left the file with.

// draftRecord is one draft render wrote.
type draftRecord struct {
	Out      string `yaml:"out"`      // absolute path
	From     string `yaml:"from"`     // the answers file's absolute path, or 模板 id
	Size     int64  `yaml:"size"`     // as written
	Modified int64  `yaml:"modified"` // as written, Unix nanoseconds
}

// maxDraftRecords is how many drafts the record remembers, the latest.
const maxDraftRecords = 200

// draftRecords is the file of the record; "" when there is no cache
// folder (nothing is then remembered, and --force is asked each time).
func draftRecords() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "nigao", "drafts.yaml")
}

func readDraftRecords() []draftRecord {
	p := draftRecords()
	if p == "" {
		return nil
	}
	data, err := inputfile.Read(p, "稿子记录", 1<<20)
	if err != nil {
		return nil
	}
	var recs []draftRecord
	if yaml.Unmarshal(data, &recs) != nil {
		return nil
	}
	return recs
}

// draftSource names what a draft is made from: the answers file, or
// without one the template.
func draftSource(answers, template string) string {
	if answers == "" {
		return "模板 " + template
	}
	if abs, err := filepath.Abs(answers); err == nil {
		return abs
	}
	return answers
}

// mayReplace says whether render may write its draft from source to out
// without --force: out does not exist, or is the unchanged draft of the
// same source render last wrote there.
func mayReplace(out, source string) error {
	fi, err := os.Stat(out)
	if err != nil || !fi.Mode().IsRegular() {
		return nil // nothing to replace, or nothing the writer will replace
	}
	abs, _ := filepath.Abs(out)
	for _, r := range readDraftRecords() {
		if r.Out == abs && r.From == source && r.Size == fi.Size() && r.Modified == fi.ModTime().UnixNano() {
			return nil
		}
	}
	return fmt.Errorf("%s 已存在，没有覆盖：它不是 nigao 按同一份答案生成的稿子，或生成后改过（确要覆盖请加 --force，或换一个文件名）", out)
}

// recordDraft remembers that render wrote out from source. Failing to
// remember costs only a --force next time.
func recordDraft(out, source string) {
	p := draftRecords()
	fi, err := os.Stat(out)
	abs, aerr := filepath.Abs(out)
	if p == "" || err != nil || aerr != nil {
		return
	}
	recs := []draftRecord{{Out: abs, From: source, Size: fi.Size(), Modified: fi.ModTime().UnixNano()}}
	for _, r := range readDraftRecords() {
		if r.Out != abs && len(recs) < maxDraftRecords {
			recs = append(recs, r)
		}
	}
	data, err := yaml.Marshal(recs)
	if err != nil || os.MkdirAll(filepath.Dir(p), 0o755) != nil {
		return
	}
	head := "# nigao render 生成过的稿子（最近的在前）：同一份答案再次生成时，没有改过的稿子不用 --force 就可以覆盖。\n# 删掉这个文件，只是下次覆盖时要加 --force。\n"
	atomicfile.WriteFile(p, append([]byte(head), data...), 0o644)
}
