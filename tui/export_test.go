package tui

import (
	"archive/zip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nigao/nigao/templates"
)

// documentText returns word/document.xml of a .docx.
func documentText(t *testing.T, p string) string {
	t.Helper()
	zr, err := zip.OpenReader(p)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			b, err := io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			return string(b)
		}
	}
	t.Fatalf("%s has no word/document.xml", p)
	return ""
}

// pressDo presses a key and runs what it returns, as the program would
// (one level: enough for status messages).
func pressDo(m *Model, k string) {
	_, cmd := m.Update(keyMsg(k))
	if cmd != nil {
		if msg := cmd(); msg != nil {
			m.Update(msg)
		}
	}
}

// TestExportLetterhead: the export page pours the draft into the clerk's
// own letterhead; one that does not open stops the export before any
// file is written, and says why; the letterhead is offered again.
func TestExportLetterhead(t *testing.T) {
	letterhead, err := filepath.Abs("../testdata/docx/letterhead.docx")
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	m := newModel(t, Options{Template: templates.Default, AnswersPath: copyAnswers(t)}, 100, 30)
	press(m, "ctrl+e")
	e := onTop[*exportPage](m)
	e.dir.setValue(out)

	e.letterhead.setValue(filepath.Join(out, "没有这个.docx"))
	pressDo(m, "enter")
	if screen(m) != "export" || !m.statusErr || !strings.Contains(m.status, "没有导出") {
		t.Fatalf("a missing letterhead: screen %v, status %q", screen(m), m.status)
	}
	if ents, _ := os.ReadDir(out); len(ents) != 0 {
		t.Fatalf("files written although the letterhead is missing: %v", ents)
	}
	if e.focus != e.letterheadFocus() {
		t.Errorf("focus %d, want the letterhead box", e.focus)
	}

	e.letterhead.setValue(letterhead)
	pressDo(m, "enter")
	if m.statusErr || screen(m) == "export" {
		t.Fatalf("export with the letterhead: %q", m.status)
	}
	body := documentText(t, filepath.Join(out, m.s.draftName(m.s.t.Name)+".docx"))
	for _, want := range []string{"某某镇人民政府", "归义镇2022年上半年工作总结"} {
		if !strings.Contains(body, want) {
			t.Errorf("the letterhead draft lacks %q", want)
		}
	}
	if strings.Contains(body, "{{") {
		t.Error("a placeholder is left in the draft")
	}

	press(m, "ctrl+e")
	if got := onTop[*exportPage](m).letterhead.String(); got != letterhead {
		t.Errorf("the letterhead is not offered again: %q", got)
	}
}

// TestExportLetterheadOption: --docx-template is what the page offers.
func TestExportLetterheadOption(t *testing.T) {
	m := newModel(t, Options{Template: templates.Default, AnswersPath: copyAnswers(t), DocxTemplate: "信纸.docx"}, 100, 30)
	press(m, "ctrl+e")
	if got := onTop[*exportPage](m).letterhead.String(); got != "信纸.docx" {
		t.Errorf("letterhead box %q", got)
	}
	if !strings.Contains(screenText(m), "Word 信纸：[信纸.docx") {
		t.Errorf("export page:\n%s", screenText(m))
	}
}

// TestExportMouse: a click on a format ticks it, a click on a box
// focuses it.
func TestExportMouse(t *testing.T) {
	m := newModel(t, Options{Template: templates.Default, AnswersPath: copyAnswers(t)}, 100, 30)
	press(m, "ctrl+e")
	m.View()
	e := onTop[*exportPage](m)
	y := screenRow(m, "纯文本（.txt")
	was := e.on[2]
	click(m, 6, y)
	if e.on[2] == was || e.focus != 4 {
		t.Errorf("click on .txt: ticked %v (was %v), focus %d", e.on[2], was, e.focus)
	}
	click(m, 20, screenRow(m, "Word 信纸："))
	if e.focus != e.letterheadFocus() {
		t.Errorf("click on the letterhead box: focus %d", e.focus)
	}
	if e.on[2] == was {
		t.Error("a click elsewhere changed the formats")
	}
}

// TestExportRemembersLetterhead: the letterhead used goes into the
// answers file (relative when it sits beside it), so the next session
// and nigao render use it; exporting without Word leaves it alone, and
// clearing the box clears it.
func TestExportRemembersLetterhead(t *testing.T) {
	ans := copyAnswers(t)
	dir := filepath.Dir(ans)
	lh, err := os.ReadFile("../testdata/docx/letterhead.docx")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "红头.docx"), lh, 0o644); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	export := func(m *Model, letterhead string, formats ...bool) {
		t.Helper()
		pressDo(m, "ctrl+e")
		e := onTop[*exportPage](m)
		e.dir.setValue(out)
		e.letterhead.setValue(letterhead)
		copy(e.on, formats)
		pressDo(m, "enter")
		if onTop[*dialog](m) != nil {
			pressDo(m, "y") // overwrite
		}
		if m.statusErr {
			t.Fatalf("export: %s", m.status)
		}
	}
	m := newModel(t, Options{Template: templates.Default, AnswersPath: ans}, 100, 30)
	export(m, filepath.Join(dir, "红头.docx"), true, false, false)
	if b, _ := os.ReadFile(ans); !strings.Contains(string(b), "docx_template: 红头.docx\n") {
		t.Fatalf("answers file after the export:\n%s", b)
	}

	m = newModel(t, Options{Template: templates.Default, AnswersPath: ans}, 100, 30)
	pressDo(m, "ctrl+e")
	if got := onTop[*exportPage](m).letterhead.String(); got != filepath.Join(dir, "红头.docx") {
		t.Errorf("next session offers %q", got)
	}
	pressDo(m, "esc")
	export(m, "", false, true, false) // Markdown only: the box does not matter
	if b, _ := os.ReadFile(ans); !strings.Contains(string(b), "docx_template:") {
		t.Error("a Markdown export dropped the letterhead")
	}
	export(m, "", true, false, false)
	if b, _ := os.ReadFile(ans); strings.Contains(string(b), "docx_template:") {
		t.Errorf("clearing the box kept the letterhead:\n%s", b)
	}
}

// TestExportBesideAnswers: with an answers file, the draft goes beside
// it by default.
func TestExportBesideAnswers(t *testing.T) {
	ans := copyAnswers(t)
	m := newModel(t, Options{Template: templates.Default, AnswersPath: ans}, 100, 30)
	press(m, "ctrl+e")
	want, _ := filepath.Abs(filepath.Dir(ans))
	if got := onTop[*exportPage](m).dir.String(); got != want {
		t.Errorf("default folder %q, want %q", got, want)
	}
}
