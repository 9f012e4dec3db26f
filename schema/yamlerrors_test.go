package schema

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Hand-editing mistakes get a Chinese message on the character at fault:
// which character, on which line and column, and the fix.
func TestYAMLErrors(t *testing.T) {
	tests := []struct {
		file string
		pos  string   // line:col of the culprit
		want []string // in the message
	}{
		{"answers-fullwidth-colon.yaml", "4:7", []string{"第 4 行第 7 列", "中文冒号", "“发现隐患: 300”"}},
		{"answers-fullwidth-colon-first.yaml", "2:7", []string{"第 2 行第 7 列", "中文冒号", "“发现隐患: 300”"}},
		{"answers-fullwidth-colon-last.yaml", "3:7", []string{"中文冒号", "“发现隐患: 300”"}},
		{"template-fullwidth-colon.yaml", "6:12", []string{"第 6 行第 12 列", "中文冒号", "“heading: 安全生产”"}},
		{"tab-indent.yaml", "6:1", []string{"第 6 行第 1 列是 Tab", "换成空格"}},
		{"answers-tab.yaml", "3:1", []string{"第 3 行第 1 列是 Tab"}},
		{"indent-deeper.yaml", "3:4", []string{"“发现隐患”缩进多了", "缩进 2 格，与第 2 行的“单位”对齐"}},
		{"indent-between.yaml", "5:4", []string{"“text”的缩进（3 格）", "请缩进 4 格，与第 3 行的“id”对齐"}},
		{"no-space-after-colon.yaml", "2:5", []string{"冒号后面少了一个空格", "“单位: 归义镇”"}},
		{"no-space-item.yaml", "3:7", []string{"冒号后面少了一个空格", "“id: 安全”"}},
		{"unclosed-quote.yaml", "2:7", []string{"引号“\"”没有配对", "补上“\"”"}},
		{"unclosed-quote-last.yaml", "3:7", []string{"引号“'”没有配对"}},
		{"text-after-quote.yaml", "2:11", []string{"引号在第 10 列就结束了", "“镇”"}},
		{"colon-in-value.yaml", "4:13", []string{"又有英文冒号", "加上引号", "中文冒号“：”"}},
		{"list-item-misaligned.yaml", "6:6", []string{"列表项“- id: 整改”", "请缩进 6 格，与第 5 行的“- id: 隐患”对齐"}},
		{"list-item-too-deep.yaml", "5:7", []string{"列表项“- ”放错了层级", "与第 3 行的“- id: 安全”对齐", "items:"}},
		{"key-at-dash.yaml", "4:3", []string{"“heading”与第 3 行列表项的“-”对齐", "请缩进 4 格"}},
		{"list-item-among-keys.yaml", "6:3", []string{"列表项“- 发现隐患”放错了层级", "第 5 行的“单位”"}},
	}
	files, _ := filepath.Glob("../testdata/yaml-errors/*.yaml")
	if len(files) != len(tests) {
		t.Errorf("%d files in testdata/yaml-errors, %d in the table", len(files), len(tests))
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join("../testdata/yaml-errors", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			_, err = Parse(tt.file, src)
			if err == nil {
				t.Fatal("parsed")
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, tt.file+":"+tt.pos+": YAML 格式错误：") {
				t.Errorf("got %s\nwant it at %s", msg, tt.pos)
			}
			for _, w := range append(tt.want, "") {
				if !strings.Contains(msg, w) {
					t.Errorf("got %s\nwant %q in it", msg, w)
				}
			}
			for _, en := range []string{"could not", "mapping values", "found", "expected"} {
				if strings.Contains(msg, en) {
					t.Errorf("English in %s", msg)
				}
			}
		})
	}
}

// A full-width colon YAML reads as text (发现隐患：300 alone under values:)
// gets the same advice from the loader.
func TestColonHintInLoader(t *testing.T) {
	_, err := LoadAnswers("a.yaml", []byte("values:\n  发现隐患：300\n"))
	if err == nil || !strings.Contains(err.Error(), "a.yaml:2:3: ") || !strings.Contains(err.Error(), "中文冒号") || !strings.Contains(err.Error(), "“发现隐患: 300”") {
		t.Errorf("got %v", err)
	}
	_, err = Load("t.yaml", []byte("id: x\nname: x\ntitle: x\nsections:\n  - heading：安全生产\n"), nil)
	if err == nil || !strings.Contains(err.Error(), "t.yaml:5:5: ") || !strings.Contains(err.Error(), "“heading: 安全生产”") {
		t.Errorf("got %v", err)
	}
}

// The scanner finds nothing wrong in the files that parse: every
// built-in template, library file and example.
func TestYAMLScannerQuietOnValidFiles(t *testing.T) {
	var files []string
	for _, g := range []string{"../templates/*/*.yaml", "../testdata/*/*.yaml"} {
		m, _ := filepath.Glob(g)
		files = append(files, m...)
	}
	n := 0
	for _, f := range files {
		src, _ := os.ReadFile(f)
		if _, err := Parse(f, src); err != nil {
			continue
		}
		n++
		if c, ok := scanYAML(splitLines(src)); ok {
			t.Errorf("%s:%d:%d: %s", f, c.line, c.col, c.msg)
		}
	}
	if n < 30 {
		t.Errorf("only %d valid files", n)
	}
}

// FuzzYAMLError: whatever the source, a YAML error is placed inside it.
func FuzzYAMLError(f *testing.F) {
	seeds(f, "../testdata/yaml-errors", "../testdata/broken")
	f.Fuzz(func(t *testing.T, src []byte) {
		_, err := Parse("f.yaml", src)
		e, ok := err.(*Error)
		if !ok {
			return
		}
		lines := strings.Split(yamlLineBreaks.Replace(string(src)), "\n")
		if e.Pos.Line < 1 || e.Pos.Line > len(lines)+1 || e.Pos.Col < 1 {
			t.Fatalf("%v outside the file of %d lines", e, len(lines))
		}
	})
}
