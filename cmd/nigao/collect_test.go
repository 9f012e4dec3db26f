package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/nigao/nigao/schema"
)

func fixToday(t *testing.T) {
	t.Helper()
	old := today
	today = func() time.Time { return time.Date(2022, 7, 3, 0, 0, 0, 0, time.UTC) }
	t.Cleanup(func() { today = old })
}

// TestCollectCommand: nigao collect writes a sheet per office, and does
// not replace one already there without --overwrite.
func TestCollectCommand(t *testing.T) {
	atRoot(t)
	fixToday(t)
	dir := filepath.Join(t.TempDir(), "报送表")
	args := []string{"collect", "-a", "testdata/answers/township-halfyear.yaml", "-o", dir, "--due", "2022-07-05", "--to", "党政办 张三"}
	out, errOut, code := nigao(t, args...)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*-2022年上半年工作总结-报送表.xlsx"))
	if len(files) < 5 || strings.Count(out, "已生成 ") != len(files) {
		t.Fatalf("%d sheets; said:\n%s", len(files), out)
	}
	x, err := excelize.OpenFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := x.GetRows("填表说明")
	x.Close()
	var text strings.Builder
	for _, r := range rows {
		text.WriteString(strings.Join(r, " ") + "\n")
	}
	for _, want := range []string{"归义镇2022年上半年工作总结", "2022年7月5日前", "党政办 张三", "2022年7月3日生成"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("first sheet lacks %q:\n%s", want, text.String())
		}
	}
	_, errOut, code = nigao(t, args...)
	if code != exitFailure || !strings.Contains(errOut, "--overwrite") {
		t.Errorf("second run: exit %d, %s", code, errOut)
	}
	if _, errOut, code = nigao(t, append(args, "--overwrite", "--office", "安监站")...); code != exitOK {
		t.Errorf("--overwrite: exit %d, %s", code, errOut)
	}
	if _, errOut, code := nigao(t, "collect", "-t", "township-annual", "-a", "testdata/answers/township-halfyear.yaml", "-o", dir); code != exitFailure || !strings.Contains(errOut, "--force") {
		t.Errorf("answers of another template: exit %d, %s", code, errOut)
	}
	for _, bad := range [][]string{
		{"collect", "-t", "township-halfyear"},
		{"collect", "-t", "township-halfyear", "-o", dir, "--due", "下周"},
		{"collect", "merge", "-a", "x.yaml"},
		{"collect", "merge", files[0]},
	} {
		if _, errOut, code := nigao(t, bad...); code != exitUsage {
			t.Errorf("%v: exit %d, %s", bad, code, errOut)
		}
	}
}

// TestCollectMergeCommand: returned sheets go into the answers file with
// their sources, a value already there changes only with --overwrite,
// -n writes nothing, and a bad sheet stops the merge with nothing
// written.
func TestCollectMergeCommand(t *testing.T) {
	atRoot(t)
	fixToday(t)
	dir := t.TempDir()
	if _, errOut, code := nigao(t, "collect", "-t", "township-halfyear", "-o", dir, "--office", "安监站"); code != exitOK {
		t.Fatal(errOut)
	}
	sent, _ := filepath.Glob(filepath.Join(dir, "安监站-*.xlsx"))
	fill := func(name string, v any) string {
		x, err := excelize.OpenFile(sent[0])
		if err != nil {
			t.Fatal(err)
		}
		defer x.Close()
		rows, _ := x.GetRows("数据")
		for i, r := range rows {
			if len(r) > 6 && r[6] == "检查企业" {
				x.SetCellValue("数据", "E"+strconv.Itoa(i+1), v)
			}
		}
		p := filepath.Join(dir, name)
		if err := x.SaveAs(p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	first, second := fill("收回1.xlsx", 126), fill("收回2.xlsx", "130")
	ans := filepath.Join(dir, "答案.yaml")

	out, errOut, code := nigao(t, "collect", "merge", first, "-a", ans, "-n")
	if code != exitOK || !strings.Contains(out, "新增  检查企业（场所）") || !strings.Contains(out, "没有写入") {
		t.Fatalf("-n: exit %d\n%s%s", code, out, errOut)
	}
	if _, err := os.Stat(ans); err == nil {
		t.Fatal("-n wrote the answers file")
	}
	if out, errOut, code = nigao(t, "collect", "merge", first, "-a", ans); code != exitOK {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	a, err := schema.LoadAnswersFile(ans)
	if err != nil {
		t.Fatal(err)
	}
	if r, _ := a.Get("检查企业"); r.Text != "126" {
		t.Errorf("检查企业 = %+v", r)
	}
	if s, ok := a.Source("检查企业"); !ok || s.String() != "来自 安监站报送表，7月3日" || s.File != "收回1.xlsx" {
		t.Errorf("source %+v", s)
	}
	before, _ := os.ReadFile(ans)

	out, _, code = nigao(t, "collect", "merge", second, "-a", ans)
	if code != exitOK || !strings.Contains(out, "126家 → 130家") || !strings.Contains(out, "--overwrite") {
		t.Errorf("changed value: exit %d\n%s", code, out)
	}
	if now, _ := os.ReadFile(ans); string(now) != string(before) {
		t.Errorf("a value already there was overwritten:\n%s", now)
	}

	bad := filepath.Join(dir, "旧表.xls")
	os.WriteFile(bad, append([]byte{0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1}, make([]byte, 512)...), 0o644)
	_, errOut, code = nigao(t, "collect", "merge", second, bad, "-a", ans, "--overwrite")
	if code != exitFailure || !strings.Contains(errOut, "旧表.xls：这是旧版的 .xls 文件") || !strings.Contains(errOut, "没有写入") {
		t.Errorf("bad sheet: exit %d\n%s", code, errOut)
	}
	if now, _ := os.ReadFile(ans); string(now) != string(before) {
		t.Errorf("answers written despite a bad sheet:\n%s", now)
	}

	if out, errOut, code = nigao(t, "collect", "merge", second, "-a", ans, "--overwrite"); code != exitOK {
		t.Fatalf("--overwrite: exit %d\n%s%s", code, out, errOut)
	}
	a, _ = schema.LoadAnswersFile(ans)
	if r, _ := a.Get("检查企业"); r.Text != "130" {
		t.Errorf("--overwrite: 检查企业 = %+v", r)
	}
	if s, _ := a.Source("检查企业"); s.File != "收回2.xlsx" {
		t.Errorf("--overwrite: source %+v", s)
	}
}

// TestCollectInTmux drives the real binary: the wizard writes the
// offices' sheets (Ctrl+T), one comes back filled, Ctrl+G reads the
// folder and shows the table, Enter takes the new figure; the form
// shows it and the review page says where it came from.
func TestCollectInTmux(t *testing.T) {
	dir, bin := tmuxBinary(t)
	ans := filepath.Join(dir, "归义镇.yaml")
	src, err := os.ReadFile("../../testdata/answers/township-halfyear.yaml")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(ans, []byte(strings.Replace(string(src), "  检查企业: 69\n", "", 1)), 0o644)
	cmd := fmt.Sprintf("exec env HOME=%s XDG_CONFIG_HOME=%s TERM=xterm-256color %s fill -t township-halfyear -a %s",
		dir, filepath.Join(dir, "cfg"), bin, ans)
	s := &tmuxSession{t: t, name: fmt.Sprintf("nigao-collect-%d", os.Getpid())}
	t.Cleanup(func() { exec.Command("tmux", "kill-session", "-t", s.name).Run() })
	s.start(110, 36, dir, cmd)
	s.waitText("单位名称")

	s.keys("C-t")
	s.waitText("部门（19 个")
	s.keys("Enter")
	s.waitText("已生成 19 张报送表")
	sheet := filepath.Join(dir, "报送表", "安监站-2022年上半年工作总结-报送表.xlsx")
	x, err := excelize.OpenFile(sheet)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := x.GetRows("数据")
	for i, r := range rows {
		if len(r) > 6 && r[6] == "检查企业" {
			x.SetCellValue("数据", "E"+strconv.Itoa(i+1), 126)
		}
	}
	if err := x.Save(); err != nil {
		t.Fatal(err)
	}
	x.Close()

	s.keys("C-g")
	s.waitText("报送表或文件夹")
	s.keys("Enter") // the folder the sheets went to
	scr := s.waitText("收报送表：19 张表")
	if !strings.Contains(scr, "新增 1 项，改动 0 项") || !regexp.MustCompile(`新增\s+检查企业（场所）\s+126家\s+安监站 E\d+`).MatchString(scr) {
		t.Fatalf("table:\n%s", scr)
	}
	s.keys("Enter")
	s.waitText("已收入 1 项")
	s.keys("Escape") // alone: ESC and a key at once read as Alt+key
	s.waitFor("the form", func(scr string) bool { return !strings.Contains(scr, "收报送表") })
	s.keys("C-f")
	s.waitText("查找")
	s.text("检查企业")
	s.keys("Enter")
	s.waitFor("the figure in the form", func(scr string) bool {
		return strings.Contains(scr, "检查企业（场所）") && strings.Contains(scr, "126")
	})
	s.keys("C-r")
	s.waitText("来自 安监站报送表")

	a, err := schema.LoadAnswersFile(ans)
	if err != nil {
		t.Fatal(err)
	}
	if r, _ := a.Get("检查企业"); r.Text != "126" {
		t.Errorf("saved 检查企业 = %+v", r)
	}
	if src, ok := a.Source("检查企业"); !ok || src.File != filepath.Base(sheet) {
		t.Errorf("saved source %+v", src)
	}
}
