package schema

import (
	"strings"
	"testing"
)

const editSrc = `# 由 nigao import 生成：改 label 即可
id: imported-x
version: 1
name: 某镇工作总结
imported_from: x.txt
title: 某镇工作总结
info:
  - {id: 年度, type: year}
sections:
  - id: 党建
    heading: 党建
    fields:
      - {id: 发展党员, type: integer, unit: 名}
      - {id: 人数, type: integer, unit: 人, review: true} # 原文为“X”，待填
    text: |-
      发展党员{发展党员}名。
      培训{人数}人。
    items:
      - heading: 组织生活
        fields:
          - id: 开展学习
            label: 学习
            type: integer
        text: 开展学习{开展学习}次。
`

// TestSetFieldLabel: the label changes, the review mark goes, and every
// other line of the file stays as it was.
func TestSetFieldLabel(t *testing.T) {
	for _, tc := range []struct {
		id, label string
		want      string // the changed line
	}{
		{"人数", "培训党员人数", "      - {id: 人数, label: 培训党员人数, type: integer, unit: 人} # 原文为“X”，待填"},
		{"发展党员", "发展新党员", "      - {id: 发展党员, label: 发展新党员, type: integer, unit: 名}"},
		{"开展学习", "集中学习", "            label: 集中学习"},
		{"发展党员", "发展党员", "      - {id: 发展党员, type: integer, unit: 名}"},
	} {
		out, err := SetFieldLabel([]byte(editSrc), tc.id, tc.label)
		if err != nil {
			t.Fatal(err)
		}
		tpl, err := Load("x.yaml", out, nil)
		if err != nil {
			t.Fatalf("%s: %v\n%s", tc.id, err, out)
		}
		if f := tpl.Field(tc.id); f.Label != tc.label || f.Review {
			t.Errorf("%s: label %q, review %v", tc.id, f.Label, f.Review)
		}
		a, b := strings.Split(editSrc, "\n"), strings.Split(string(out), "\n")
		if len(a) != len(b) {
			t.Fatalf("%s: %d lines, was %d:\n%s", tc.id, len(b), len(a), out)
		}
		for i := range a {
			if a[i] != b[i] && b[i] != tc.want {
				t.Errorf("%s: line %d %q, was %q", tc.id, i+1, b[i], a[i])
			}
		}
	}
	if _, err := SetFieldLabel([]byte(editSrc), "没有", "x"); err == nil || !strings.Contains(err.Error(), "没有字段") {
		t.Errorf("unknown field: %v", err)
	}
}
