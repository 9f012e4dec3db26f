package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"
	"github.com/nigao/nigao/schema"
	"github.com/nigao/nigao/templates"
	"github.com/nigao/nigao/tui"
)

// Without a terminal the wizard says so, in Chinese, points to
// nigao render, and fails with exit code 1. (go test's stdin and stdout
// are not terminals.) Flags without a command are the wizard's.
func TestWizardNeedsTerminal(t *testing.T) {
	for _, args := range [][]string{nil, {"fill"}, {"fill", "-t", "township-halfyear"}, {"--no-mouse"}, {"-t", "township-annual"}} {
		var stdout, stderr bytes.Buffer
		code := run(args, &stdout, &stderr)
		if code != exitFailure {
			t.Errorf("%v: exit %d, want %d", args, code, exitFailure)
		}
		if msg := stderr.String(); !strings.Contains(msg, "终端") || !strings.Contains(msg, "nigao render") {
			t.Errorf("%v: message %q", args, msg)
		}
	}
}

// A letterhead that does not open is reported before the wizard starts.
func TestFillBadLetterhead(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := run([]string{"fill", "--docx-template", "../../testdata/docx/not-zip.docx"}, &stdout, &stderr)
	if code != exitFailure || !strings.Contains(stderr.String(), "not-zip.docx") || strings.Contains(stderr.String(), "终端") {
		t.Errorf("exit %d: %s", code, stderr.String())
	}
}

func TestFillUsage(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"fill", "extra"}, &stdout, &stderr); code != exitUsage {
		t.Errorf("extra argument: exit %d", code)
	}
	stdout.Reset()
	if code := run([]string{"fill", "--help"}, &stdout, &stderr); code != exitOK || !strings.Contains(stdout.String(), "-a") {
		t.Errorf("--help: exit %d, %q", code, stdout.String())
	}
}

func waitScreen(t *testing.T, tm *teatest.TestModel, what string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		return strings.Contains(ansi.Strip(string(b)), what)
	}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
}

func key(code rune) tea.KeyPressMsg { return tea.KeyPressMsg{Code: code} }

// openImport picks 从往年报告导入 and waits for the file prompt.
func openImport(t *testing.T, tm *teatest.TestModel) {
	t.Helper()
	waitScreen(t, tm, "选择要写的稿子")
	tm.Type("导入") // with many templates the action may be below the fold until filtered
	waitScreen(t, tm, "从往年报告导入")
	tm.Send(key(tea.KeyEnter))
	waitScreen(t, tm, "报告文件：")
}

// 从往年报告导入 in the picker, as a clerk goes: a wrong path is reported
// in the dialog, the report's path is typed, the summary shows what was
// found, the form opens with the report's figures; the template is in the
// user template folder (so the picker lists it next time), the figures
// in the autosave and, as 上年, beside it.
func TestWizardImportReport(t *testing.T) {
	atRoot(t)
	set, err := templates.Open(nil)
	if err != nil {
		t.Fatal(err)
	}
	m, err := tui.New(wizardOptions(tui.Options{Set: set}))
	if err != nil {
		t.Fatal(err)
	}
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(100, 30))
	openImport(t, tm)
	tm.Type("testdata/import/nope.txt")
	tm.Send(key(tea.KeyEnter))
	waitScreen(t, tm, "找不到文件：")
	// what was typed is still there: fix the name
	for range len("nope.txt") {
		tm.Send(key(tea.KeyBackspace))
	}
	tm.Type("plain-utf8.txt")
	tm.Send(key(tea.KeyEnter))
	waitScreen(t, tm, "已导入：plain-utf8.txt")
	tm.Send(key(tea.KeyEnter))
	waitScreen(t, tm, "[某乡") // the form, on 单位名称
	tm.Send(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
	waitScreen(t, tm, "退出拟稿？")
	tm.Send(tea.KeyPressMsg{Code: 'y', Text: "y"})
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))

	cfg, _ := os.UserConfigDir()
	tpl := filepath.Join(cfg, "nigao", "templates", "imported-plain-utf8.yaml")
	auto := filepath.Join(cfg, "nigao", "autosave", "imported-plain-utf8.yaml")
	prev := filepath.Join(cfg, "nigao", "autosave", "imported-plain-utf8.上年.yaml")
	for _, p := range []string{tpl, auto, prev} {
		if _, err := os.Stat(p); err != nil {
			t.Error(err)
		}
	}
	a, err := schema.LoadAnswersFile(auto)
	if err != nil {
		t.Fatal(err)
	}
	if r, _ := a.Get("实施项目"); r.Text != "12" {
		t.Errorf("autosave 实施项目 = %q", r.Text)
	}
	// listed next time, and it loads
	set, err = templates.Open(nil)
	if err != nil {
		t.Fatal(err)
	}
	listed := false
	for _, e := range set.Entries() {
		if e.ID == "imported-plain-utf8" && e.Err == nil && e.Sections > 0 {
			listed = true
		}
	}
	if !listed {
		t.Error("imported template not listed")
	}
	if _, err := set.Load("imported-plain-utf8"); err != nil {
		t.Error(err)
	}
	// opened again: the draft is offered, the report's figures are 上年
	m2, err := tui.New(wizardOptions(tui.Options{Set: set, Template: "imported-plain-utf8"}))
	if err != nil {
		t.Fatal(err)
	}
	m2.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	if s := ansi.Strip(m2.View().Content); !strings.Contains(s, "接着填上次的稿子") {
		t.Errorf("no resume offer:\n%s", s)
	}
	m2.Update(key(tea.KeyEnter))
	if s := ansi.Strip(m2.View().Content); !strings.Contains(s, "上年 某乡") {
		t.Errorf("no 上年 beside the fields:\n%s", s)
	}
	// importing again never overwrites: a new name
	before, _ := os.ReadFile(tpl)
	res, err := importReport(set, "testdata/import/plain-utf8.txt", filepath.Dir(tpl), filepath.Dir(auto))
	if err != nil {
		t.Fatal(err)
	}
	if res.Template.ID != "imported-plain-utf8-2" {
		t.Errorf("second import id %q", res.Template.ID)
	}
	if after, _ := os.ReadFile(tpl); !bytes.Equal(before, after) {
		t.Error("first template overwritten")
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(tpl), "imported-plain-utf8-2.yaml")); err != nil {
		t.Error(err)
	}
}

func TestImportReportRefuses(t *testing.T) {
	set, err := templates.Open([]string{})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for name, want := range map[string]string{"a.pdf": "PDF", "a.doc": "另存为", "a.xlsx": "不支持 .xlsx"} {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte("x"), 0o644)
		if _, err := importReport(set, p, filepath.Join(dir, "t"), ""); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "t")); err == nil {
		t.Error("template folder made for a refused file")
	}
}
