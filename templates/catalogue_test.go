package templates_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nigao/nigao/schema"
	"go.yaml.in/yaml/v3"
)

// The library catalogue in docs/templates.md lies between these lines.
const (
	catalogueStart = "<!-- catalogue: go test ./templates -run TestLibraryCatalogue -update -->\n"
	catalogueEnd   = "<!-- /catalogue -->\n"
)

// catalogueTemplate uses one section with the info every built-in has.
const catalogueTemplate = `id: c
name: c
title: c
info:
  - {id: 单位, type: text}
  - {id: 年度, type: year}
  - {id: 下一年度, type: year}
  - {id: 上级, type: text}
sections:
  - use: `

// TestLibraryCatalogue: docs/templates.md lists every library section
// with its headings, items and fields as the YAML defines them; -update
// rewrites the list.
func TestLibraryCatalogue(t *testing.T) {
	s := builtinSet(t)
	files, _ := filepath.Glob("sections/*.yaml")
	var b strings.Builder
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var lib struct {
			Library  string `yaml:"library"`
			Sections []struct {
				ID string `yaml:"id"`
			} `yaml:"sections"`
		}
		if err := yaml.Unmarshal(src, &lib); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		fmt.Fprintf(&b, "### %s（`%s`）\n\n", lib.Library, f)
		for _, sec := range lib.Sections {
			tpl, err := schema.Load("catalogue.yaml", []byte(catalogueTemplate+sec.ID+"\n"), s.Lib)
			if err != nil {
				t.Fatalf("%s: %v", sec.ID, err)
			}
			p := tpl.Sections[0]
			fmt.Fprintf(&b, "#### `use: %s`\n\n标题可选：%s\n\n", sec.ID, headingList(p))
			if len(p.Fields) > 0 {
				fmt.Fprintf(&b, "- 本部分字段：%s\n", fieldList(p.Fields))
			}
			if p.Figures {
				b.WriteString("- 填的人可以自己加带数字的句子（`figures: true`）\n")
			}
			var items func(ps []*schema.Part, indent string)
			items = func(ps []*schema.Part, indent string) {
				for _, c := range ps {
					fl := "（无字段）"
					if len(c.Fields) > 0 {
						fl = fieldList(c.Fields)
					}
					h := "（无标题，接在上一级后面）"
					if len(c.Headings) > 0 {
						h = c.Headings[0].Src
					}
					if c.Figures {
						fl += "；可自己加带数字的句子"
					}
					fmt.Fprintf(&b, "%s- **%s**（`%s`）：%s\n", indent, h, c.ID, fl)
					items(c.Parts, indent+"  ")
				}
			}
			items(p.Parts, "")
			b.WriteString("\n")
		}
	}
	checkDocBlock(t, catalogueStart, catalogueEnd, b.String(), "go test ./templates -run TestLibraryCatalogue -update")
}

func headingList(p *schema.Part) string {
	var hs []string
	for _, h := range p.Headings {
		hs = append(hs, "“"+h.Src+"”")
	}
	return strings.Join(hs, " / ")
}

// fieldList writes fields as `id`（unit, 计算：…）.
func fieldList(fs []*schema.Field) string {
	var out []string
	for _, f := range fs {
		var notes []string
		switch {
		case f.Unit != "":
			notes = append(notes, f.Unit)
		case f.Type == schema.Percent:
			notes = append(notes, "%")
		case f.Type == schema.List:
			notes = append(notes, "列表")
		}
		if f.Compute != nil {
			notes = append(notes, "计算："+f.Compute.Src)
		}
		s := "`" + f.ID + "`"
		if len(notes) > 0 {
			s += "（" + strings.Join(notes, "，") + "）"
		}
		out = append(out, s)
	}
	return strings.Join(out, "、")
}

// checkDocBlock compares a generated block of docs/templates.md with the
// file, or with -update writes it.
func checkDocBlock(t *testing.T, start, end, block, how string) {
	t.Helper()
	doc := filepath.Join("..", "docs", "templates.md")
	src, err := os.ReadFile(doc)
	if err != nil {
		t.Fatal(err)
	}
	s := string(src)
	i, j := strings.Index(s, start), strings.Index(s, end)
	if i < 0 || j < i {
		t.Fatalf("docs/templates.md has no block between %q and %q", start, end)
	}
	if s[i+len(start):j] == block {
		return
	}
	if *update {
		if err := os.WriteFile(doc, []byte(s[:i+len(start)]+block+s[j:]), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("docs/templates.md is not current; run %s", how)
}
