package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nigao/nigao/templates"
)

// answersWith is the example answers with some values changed.
func answersWith(t *testing.T, values map[string]string) string {
	t.Helper()
	p := copyAnswers(t)
	src, _ := os.ReadFile(p)
	lines := strings.Split(string(src), "\n")
	for i, l := range lines {
		k, _, ok := strings.Cut(strings.TrimSpace(l), ":")
		if v, change := values[k]; ok && change && strings.HasPrefix(l, "  ") {
			lines[i] = "  " + k + ": " + v
			delete(values, k)
		}
	}
	for k, v := range values {
		lines = append(lines, "  "+k+": "+v)
	}
	os.WriteFile(p, []byte(strings.Join(lines, "\n")), 0o644)
	return p
}

// Last year's percent is shown with its %.
func TestPreviousPercent(t *testing.T) {
	prev := answersWith(t, map[string]string{"老人接种率": "99"})
	m := newModel(t, Options{Template: templates.Default, AnswersPath: filepath.Join(t.TempDir(), "a.yaml"), Previous: prev}, 120, 40)
	if !jump(m, "老人接种率") {
		t.Fatal("no field 老人接种率")
	}
	if s := screenText(m); !strings.Contains(s, "上年 99%") {
		t.Errorf("no 上年 99%%:\n%s", s)
	}
}

// The review's reminder of a percent over 100 reads as a sentence.
func TestReviewPercentOver100(t *testing.T) {
	a := answersWith(t, map[string]string{"发现隐患": "11", "整改隐患": "20"})
	m := newModel(t, Options{Template: templates.Default, AnswersPath: a}, 120, 40)
	press(m, "ctrl+r")
	s := screenText(m)
	if !strings.Contains(s, "：隐患整改率为 181.8%，请核对") || strings.Contains(s, "率 为") {
		t.Errorf("reminder:\n%s", s)
	}
}

// 12480元 typed into a field in 万元 suggests 1.248.
func TestOtherUnitSuggested(t *testing.T) {
	m := newModel(t, Options{Template: templates.Default, AnswersPath: filepath.Join(t.TempDir(), "a.yaml")}, 120, 40)
	if !jump(m, "财政收入") {
		t.Fatal("no field 财政收入")
	}
	typeText(m, "12480元")
	if s := screenText(m); !strings.Contains(s, "1.248（12480元 = 1.248万元）") {
		t.Errorf("no suggestion:\n%s", s)
	}
}

// A template of the clerk's that does not load is listed as broken, with
// its first error, not as a template of so many parts.
func TestPickerMarksBroken(t *testing.T) {
	cfg := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", cfg)
	t.Setenv("HOME", cfg)
	dir := templates.UserDirs()[0]
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "mine.yaml"), []byte("id: mine\nname: 我的总结\ntitle: x\nsections:\n  - heading: 甲\n    txet: 正文\n  - heading: 乙\n"), 0o644)
	m := newModel(t, Options{}, 120, 40)
	typeText(m, "我的")
	s := screenText(m)
	if !strings.Contains(s, "我的总结") || !strings.Contains(s, "有错误，打不开") || strings.Contains(s, "2 个部分") ||
		!strings.Contains(s, "mine.yaml:6:5: 章节中没有“txet”这个键") {
		t.Errorf("picker:\n%s", s)
	}
}
