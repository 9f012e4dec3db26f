package templates_test

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/width"
)

// samplesDir holds the team's sample reports, beside the repository.
var samplesDir = filepath.Join("..", "..", "shared", "samples")

// copyRun is how many characters a template may share with a sample
// before it counts as copied; a whole heading of copyHeading characters
// or more found in a sample is copied too.
const (
	copyRun     = 14
	copyHeading = 8
)

// proseKeys are the YAML keys whose values are printed in drafts or shown
// to the clerk as the template's own words.
var proseKeys = map[string]bool{
	"title": true, "opening": true, "closing": true, "heading": true, "headings": true,
	"text": true, "paragraphs": true, "label": true, "help": true, "description": true,
}

// A prose string of a built-in file, with where it is.
type proseLine struct {
	file    string
	line    int
	text    string
	heading bool
}

// builtinProse collects every prose string of the built-in templates and
// the section library.
func builtinProse(t *testing.T) []proseLine {
	t.Helper()
	var files []string
	for _, pat := range []string{"builtin/*.yaml", "sections/*.yaml"} {
		m, _ := filepath.Glob(pat)
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Fatal("no built-in YAML files")
	}
	var out []proseLine
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var root yaml.Node
		if err := yaml.Unmarshal(src, &root); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		var walk func(n *yaml.Node, key string)
		walk = func(n *yaml.Node, key string) {
			switch n.Kind {
			case yaml.DocumentNode, yaml.SequenceNode:
				for _, c := range n.Content {
					walk(c, key)
				}
			case yaml.MappingNode:
				for i := 0; i+1 < len(n.Content); i += 2 {
					walk(n.Content[i+1], n.Content[i].Value)
				}
			case yaml.ScalarNode:
				if proseKeys[key] {
					out = append(out, proseLine{"templates/" + f, n.Line, n.Value, key == "heading" || key == "headings"})
				}
			}
		}
		walk(&root, "")
	}
	return out
}

// copyAllowed reads the allow-list: stock political formulas every report
// uses, each with the reason it may appear word for word.
func copyAllowed(t *testing.T) []string {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("..", "testdata", "copy-allow.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var list []struct{ Text, Why string }
	if err := yaml.Unmarshal(src, &list); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range list {
		if e.Why == "" {
			t.Errorf("copy-allow.yaml: %q has no reason", e.Text)
		}
		out = append(out, normalizeCopy(e.Text))
	}
	return out
}

// normalizeCopy keeps what a reader reads as the wording: letters and
// digits, full-width folded to half-width, lower case. Spaces,
// punctuation and symbols are dropped, so a run may cross a comma or a
// line break.
func normalizeCopy(s string) string {
	var b strings.Builder
	for _, r := range width.Narrow.String(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// proseSegments cuts template prose at its {…} slots: a slot stands for
// what the clerk enters, so no run crosses one.
func proseSegments(s string) []string {
	var out []string
	for {
		i := strings.Index(s, "{")
		if i < 0 {
			return append(out, s)
		}
		out = append(out, s[:i])
		j := strings.Index(s[i:], "}")
		if j < 0 {
			return out
		}
		s = s[i+j+1:]
	}
}

// TestNoTextFromSamples: no heading, sentence or label of the built-in
// templates and library shares a run of copyRun or more characters with
// the sample reports (after normalizeCopy on both sides), except the
// stock formulas in testdata/copy-allow.yaml.
func TestNoTextFromSamples(t *testing.T) {
	samples, _ := filepath.Glob(filepath.Join(samplesDir, "*.txt"))
	if len(samples) == 0 {
		msg := "no sample reports in " + samplesDir + " (the ../shared folder beside the clone)"
		if os.Getenv("NIGAO_REQUIRE_SHARED") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	windows := map[string]string{} // every copyRun-character run of the samples → its file
	for _, f := range samples {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		rs := []rune(normalizeCopy(string(src)))
		for i := 0; i+copyRun <= len(rs); i++ {
			windows[string(rs[i:i+copyRun])] = filepath.Base(f)
		}
	}
	var corpus strings.Builder // the samples, normalized, for whole headings
	for _, f := range samples {
		src, _ := os.ReadFile(f)
		corpus.WriteString(normalizeCopy(string(src)))
		corpus.WriteString("|")
	}
	allowed := copyAllowed(t)
	var found []string
	for _, p := range builtinProse(t) {
		// A heading is short: taken whole it is copied even under copyRun.
		if h := normalizeCopy(p.text); p.heading && !strings.Contains(p.text, "{") && utf8.RuneCountInString(h) >= copyHeading && strings.Contains(corpus.String(), h) {
			found = append(found, fmt.Sprintf("%s:%d: heading %q is in the samples word for word", p.file, p.line, p.text))
		}
		for _, seg := range proseSegments(p.text) {
			norm := normalizeCopy(seg)
			for _, a := range allowed {
				norm = strings.ReplaceAll(norm, a, "|")
			}
			for _, part := range strings.Split(norm, "|") {
				rs := []rune(part)
				for i := 0; i+copyRun <= len(rs); i++ {
					file, ok := windows[string(rs[i:i+copyRun])]
					if !ok {
						continue
					}
					j := i + copyRun // extend to the whole shared run
					for j < len(rs) {
						if _, ok := windows[string(rs[j+1-copyRun:j+1])]; !ok {
							break
						}
						j++
					}
					found = append(found, fmt.Sprintf("%s:%d: %q (%d 字) is in %s", p.file, p.line, string(rs[i:j]), j-i, file))
					i = j
				}
			}
		}
	}
	sort.Strings(found)
	for _, f := range found {
		t.Error(f)
	}
	if len(found) > 0 {
		t.Logf("%d runs taken from the samples: write them in your own words, or add a stock formula to testdata/copy-allow.yaml with the reason", len(found))
	}
}
