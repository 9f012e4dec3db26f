package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/nigao/nigao/schema"
	"github.com/nigao/nigao/templates"
	"github.com/nigao/nigao/tui"
)

// A report imported in the wizard: the focused figure shows the sentence
// it stood in; the review page lists the name nigao could only guess;
// F2 names it, and the template file on disk changes only there and
// still lints clean.
func TestWizardImportedFieldRename(t *testing.T) {
	atRoot(t)
	report := filepath.Join(t.TempDir(), "report.txt")
	os.WriteFile(report, []byte("某镇2023年工作总结\n一、党建工作\n全年发展党员18名，新建党群服务站4个。截至目前，共计25个。\n"), 0o644)
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
	tm.Type(report)
	tm.Send(key(tea.KeyEnter))
	waitScreen(t, tm, "已导入：report.txt")
	tm.Send(key(tea.KeyEnter))
	tm.Send(key(tea.KeyPgDown)) // 党建工作, on its first figure
	waitScreen(t, tm, "原文：全年发展党员18名，")
	tm.Send(tea.KeyPressMsg{Code: 'r', Mod: tea.ModCtrl})
	waitScreen(t, tm, "名称待定的字段（1 个")
	tm.Send(key(tea.KeyEnter)) // to the field
	waitScreen(t, tm, "原文：截至目前，共计25个。")
	tm.Send(key(tea.KeyF2))
	waitScreen(t, tm, "字段改名")
	tm.Send(tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl})
	tm.Type("党群服务阵地")
	tm.Send(key(tea.KeyEnter))
	waitScreen(t, tm, "已改名：党群服务阵地")
	tm.Send(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
	waitScreen(t, tm, "退出拟稿？")
	tm.Send(tea.KeyPressMsg{Code: 'y', Text: "y"})
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))

	cfg, _ := os.UserConfigDir()
	tpl := filepath.Join(cfg, "nigao", "templates", "imported-report.yaml")
	data, err := os.ReadFile(tpl)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "label: 党群服务阵地") || strings.Contains(string(data), "review: true") {
		t.Errorf("template on disk:\n%s", data)
	}
	var out, errOut bytes.Buffer
	if err := runLint([]string{tpl}, &out, &errOut); err != nil {
		t.Errorf("lint: %v\n%s", err, out.String())
	}
	loaded, err := schema.Load(tpl, data, set.Lib)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range loaded.Fields() {
		if f.Label == "党群服务阵地" {
			n++
		}
		if f.Review {
			t.Errorf("%s still marked for review", f.ID)
		}
	}
	if n != 1 {
		t.Errorf("%d fields named 党群服务阵地", n)
	}
}
