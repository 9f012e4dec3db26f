package tui

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/nigao/nigao/schema"
	"github.com/nigao/nigao/templates"
)

// A picker action that asks for a file: a path that is not there, or
// that the action refuses, is reported in the dialog and what was typed
// stays; ~ is the home folder; Tab completes; a good file opens the form
// on the action's template and answers, with its summary on top.
func TestPickerActionFile(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("USERPROFILE", home)
	if err := os.WriteFile(filepath.Join(home, "2023年总结.txt"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(home, "bad.pdf"), []byte("x"), 0o644)
	var got string
	act := PickerAction{
		Label: "从往年报告导入", Description: "测试",
		Ask: &FilePrompt{Title: "从往年报告导入", Prompt: "报告文件：", Exts: []string{".txt"}, OK: "导入"},
		Run: func(set *templates.Set, path string) (*ActionResult, error) {
			got = path
			if strings.HasSuffix(path, ".pdf") {
				return nil, errors.New("不能直接导入 PDF")
			}
			tpl, err := set.Load(templates.Default)
			if err != nil {
				return nil, err
			}
			a := schema.NewAnswers(tpl)
			a.Set("单位", schema.Raw{Text: "某乡"})
			return &ActionResult{Template: tpl, Answers: a, Title: "已导入：2023年总结.txt", Summary: []string{"找到 3 个部分"}}, nil
		},
	}
	dir := t.TempDir()
	m := newModel(t, Options{PickerActions: []PickerAction{act}, AutosaveDir: dir}, 100, 30)
	typeText(m, "导入")
	if s := screenText(m); !strings.Contains(s, "从往年报告导入") {
		t.Fatalf("action not listed:\n%s", s)
	}
	press(m, "enter")
	s := screenText(m)
	for _, want := range []string{"报告文件：[", "当前文件夹：", "Tab 补全"} {
		if !strings.Contains(s, want) {
			t.Errorf("file dialog lacks %q:\n%s", want, s)
		}
	}
	typeText(m, "~/nope.txt")
	press(m, "enter")
	s = screenText(m)
	if !strings.Contains(s, "找不到文件："+filepath.Join(home, "nope.txt")) || !strings.Contains(s, "~/nope.txt") {
		t.Fatalf("no inline error, or typed path lost:\n%s", s)
	}
	if got != "" {
		t.Fatal("action ran on a missing file")
	}
	// the action's own refusal, also inline
	press(m, "ctrl+u")
	m.Update(tea.PasteMsg{Content: `"` + filepath.Join(home, "bad.pdf") + `"`})
	press(m, "enter")
	if s := screenText(m); !strings.Contains(s, "不能直接导入 PDF") || !strings.Contains(s, "bad.pdf") || onTop[*dialog](m) == nil {
		t.Fatalf("refusal not shown in the dialog:\n%s", s)
	}
	// Tab completes; the list shows matching files
	press(m, "ctrl+u")
	typeText(m, "~/20")
	if s := screenText(m); !strings.Contains(s, "2023年总结.txt") || strings.Contains(s, "不能直接导入") {
		t.Errorf("matching files not listed, or stale error:\n%s", s)
	}
	press(m, "tab")
	if v := onTop[*dialog](m).input.String(); v != "~/2023年总结.txt" {
		t.Errorf("Tab gave %q", v)
	}
	press(m, "enter")
	if got != filepath.Join(home, "2023年总结.txt") {
		t.Errorf("action got %q", got)
	}
	if formOf(m) == nil || onTop[*dialog](m) == nil || !strings.Contains(screenText(m), "找到 3 个部分") {
		t.Fatalf("no summary over the form:\n%s", screenText(m))
	}
	press(m, "enter")
	if s := screenText(m); !strings.Contains(s, "[某乡") {
		t.Errorf("form lacks the action's answers:\n%s", s)
	}
	// saved at once to the autosave
	a, err := schema.LoadAnswersFile(filepath.Join(dir, templates.Default+".yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if r, _ := a.Get("单位"); r.Text != "某乡" {
		t.Errorf("autosave 单位 = %q", r.Text)
	}
	// Esc in the file dialog goes back to the picker
	m = newModel(t, Options{PickerActions: []PickerAction{act}, AutosaveDir: t.TempDir()}, 100, 30)
	typeText(m, "导入")
	press(m, "enter", "esc")
	if onTop[*dialog](m) != nil || screen(m) != "picker" {
		t.Error("Esc did not return to the picker")
	}
}

func TestResolveFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a b.txt")
	os.WriteFile(p, []byte("x"), 0o644)
	for _, in := range []string{"a b.txt", `'a b.txt'`, `"` + p + `"`, "file://" + p, " a b.txt "} {
		if got, err := resolveFile(in, dir); err != nil || got != p {
			t.Errorf("%q: %q, %v", in, got, err)
		}
	}
	if filepath.Separator == '/' {
		if got, err := resolveFile(`a\ b.txt`, dir); err != nil || got != p {
			t.Errorf("escaped space: %q, %v", got, err)
		}
	}
	if _, err := resolveFile(dir, dir); err == nil || !strings.Contains(err.Error(), "文件夹") {
		t.Errorf("folder: %v", err)
	}
	if _, err := resolveFile("", dir); err == nil {
		t.Error("empty path accepted")
	}
}
