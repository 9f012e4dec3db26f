package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// previousTemplate compares three figures with last year's.
const previousTemplate = `id: yoy
name: 同比测试
title: "{年度}年工作总结"
info:
  - {id: 年度, type: year}
sections:
  - id: 经济
    heading: 经济发展
    fields:
      - {id: 财政收入, type: money, unit: 万元, previous: true}
      - {id: 招商项目, type: integer, unit: 个, previous: true}
      - {id: 接待游客, type: integer, unit: 人次, previous: true}
    text: >-
      完成财政收入{财政收入}万元，{财政收入|同比}（上年{财政收入|上年}万元）；
      引进招商项目{招商项目}个，{招商项目|同比}；接待游客{接待游客}人次，{接待游客|同比}。
`

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestRenderPrevious(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"yoy.yaml":  previousTemplate,
		"2022.yaml": "template: {id: yoy, version: 1}\nvalues:\n  年度: 2022\n  财政收入: 1000\n  招商项目: 12\n  接待游客: 5000\n",
		"2023.yaml": "template: {id: yoy, version: 1}\nvalues:\n  年度: 2023\n  财政收入: 1123\n  招商项目: 11.5\n  接待游客: 5000\n",
		// answers naming last year's file themselves
		"2023b.yaml": "template: {id: yoy, version: 1}\nprevious: 2022.yaml\nvalues:\n  年度: 2023\n  财政收入: 959\n  招商项目: 12\n  接待游客: 近5000\n",
	})
	render := func(args ...string) (string, string, int) {
		var out, errb bytes.Buffer
		code := run(append([]string{"render", "-t", filepath.Join(dir, "yoy.yaml"), "--format", "txt"}, args...), &out, &errb)
		return out.String(), errb.String(), code
	}

	out, stderr, code := render("-a", filepath.Join(dir, "2023.yaml"), "--previous", filepath.Join(dir, "2022.yaml"))
	// 招商项目 11.5 is not an integer: it shows as missing, which is right
	if code != 0 || !strings.Contains(out, "完成财政收入1123万元，同比增长12.3%（上年1000万元）") || !strings.Contains(out, "接待游客5000人次，与上年持平。") {
		t.Fatalf("exit %d\n%s\n%s", code, out, stderr)
	}

	out, stderr, code = render("-a", filepath.Join(dir, "2023b.yaml"))
	if code != 0 || !strings.Contains(out, "完成财政收入959万元，同比下降4.1%") || !strings.Contains(out, "引进招商项目12个，与上年持平") ||
		!strings.Contains(out, "接待游客近5000人次，与上年持平") {
		t.Fatalf("previous: key: exit %d\n%s\n%s", code, out, stderr)
	}

	// without last year's answers the comparison is a visible gap
	out, _, code = render("-a", filepath.Join(dir, "2022.yaml"))
	if code != 0 || !strings.Contains(out, "【待填:") {
		t.Fatalf("no previous: exit %d\n%s", code, out)
	}

	// a missing previous file is an error, not a silent gap
	_, stderr, code = render("-a", filepath.Join(dir, "2023.yaml"), "--previous", filepath.Join(dir, "nope.yaml"))
	if code != 1 || !strings.Contains(stderr, "上年答案") {
		t.Fatalf("bad --previous: exit %d: %s", code, stderr)
	}
}
