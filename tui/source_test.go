package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nigao/nigao/templates"
)

const importedTemplate = `id: imported-t
version: 1
name: 某镇工作总结
imported_from: 报告.txt
title: 某镇{年度}年工作总结
info:
  - {id: 年度, type: year}
sections:
  - id: 党建
    heading: 党建工作
    fields:
      - {id: 发展党员, type: integer, unit: 名}
      - {id: 整改率, type: percent}
      - {id: 个数, type: integer, unit: 个, review: true}
    text: |-
      全年发展党员{发展党员}名，整改率{整改率}。
      截至目前，共计{个数}个。
`

func importedSession(t *testing.T) (*Model, string) {
	t.Helper()
	dir := t.TempDir()
	tpl := filepath.Join(dir, "imported-t.yaml")
	ans := filepath.Join(dir, "a.yaml")
	os.WriteFile(tpl, []byte(importedTemplate), 0o644)
	os.WriteFile(ans, []byte("template: {id: imported-t, version: 1}\nvalues:\n  年度: 2023\n  发展党员: 18\n  整改率: 95.5%\n  个数: 25\n"), 0o644)
	return newModel(t, Options{Template: tpl, AnswersPath: ans}, 100, 30), tpl
}

// TestSourceSentence: the focused figure of an imported template shows
// its sentence with the figure in reverse video; a built-in template's
// fields show none.
func TestSourceSentence(t *testing.T) {
	m, _ := importedSession(t)
	press(m, "pgdown")
	raw := m.View().Content
	if !strings.Contains(screenText(m), "原文：全年发展党员18名，整改率95.5%。") {
		t.Errorf("no source sentence:\n%s", screenText(m))
	}
	if !strings.Contains(raw, m.c.styles.selected.Render("18")) {
		t.Error("the figure is not picked out")
	}
	press(m, "down")
	if !strings.Contains(screenText(m), "原文：全年发展党员18名，整改率95.5%。") || !strings.Contains(m.View().Content, m.c.styles.selected.Render("95.5%")) {
		t.Errorf("percentage:\n%s", screenText(m))
	}
	b := newModel(t, Options{Template: templates.Default, AnswersPath: copyAnswers(t)}, 100, 30)
	press(b, "pgdown", "down", "down")
	if strings.Contains(screenText(b), "原文：") {
		t.Errorf("a built-in template shows a source:\n%s", screenText(b))
	}
}

// TestRenameField: F2 names the focused field in the template file and
// the form shows the new name; an empty name is refused in the dialog; a
// built-in template cannot be renamed.
func TestRenameField(t *testing.T) {
	m, tpl := importedSession(t)
	press(m, "pgdown", "down", "down")
	press(m, "f2")
	if _, ok := m.top().(*dialog); !ok || !strings.Contains(screenText(m), "字段改名") {
		t.Fatalf("no dialog:\n%s", screenText(m))
	}
	press(m, "ctrl+u", "enter")
	if !strings.Contains(screenText(m), "名称不能为空") {
		t.Errorf("empty name taken:\n%s", screenText(m))
	}
	typeText(m, "党群服务站")
	press(m, "enter")
	data, _ := os.ReadFile(tpl)
	want := strings.Replace(importedTemplate, "{id: 个数, type: integer, unit: 个, review: true}", "{id: 个数, label: 党群服务站, type: integer, unit: 个}", 1)
	if string(data) != want {
		t.Errorf("template file:\n%s", data)
	}
	if screen(m) != "form" || !strings.Contains(screenText(m), "> 党群服务站") {
		t.Errorf("form after rename:\n%s", screenText(m))
	}

	b := newModel(t, Options{Template: templates.Default, AnswersPath: copyAnswers(t)}, 100, 30)
	press(b, "pgdown", "down", "down", "down", "down", "f2", "enter")
	if !strings.Contains(screenText(b), "内置模板不能在这里改名") {
		t.Errorf("built-in:\n%s", screenText(b))
	}
}

// TestReviewListsGuessedNames: the review page lists the fields whose
// names are marked for review, and Enter goes to one.
func TestReviewListsGuessedNames(t *testing.T) {
	m, _ := importedSession(t)
	press(m, "ctrl+r")
	if !strings.Contains(screenText(m), "名称待定的字段（1 个") || !strings.Contains(screenText(m), "党建：个数") {
		t.Fatalf("review:\n%s", screenText(m))
	}
	press(m, "enter")
	if screen(m) != "form" || !strings.Contains(screenText(m), "原文：截至目前，共计25个。") {
		t.Errorf("after Enter:\n%s", screenText(m))
	}
}
