package main

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nigao/nigao/render"
	"github.com/nigao/nigao/schema"
	"github.com/nigao/nigao/templates"
)

// TestExampleDocx renders every built-in template's example to .docx
// through the command line, parses every XML part of the result, and,
// where pandoc is installed, reads it back and finds the same headings
// and text. (The GB/T 9704 layout check through LibreOffice runs in
// .ci/run on the same files.)
func TestExampleDocx(t *testing.T) {
	atRoot(t)
	examples, _ := filepath.Glob("testdata/answers/*.yaml")
	if len(examples) == 0 {
		t.Fatal("no examples")
	}
	set, err := templates.Open(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, ex := range examples {
		id := strings.TrimSuffix(filepath.Base(ex), ".yaml")
		t.Run(id, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), id+".docx")
			if _, e, code := nigao(t, "render", "-q", "-t", id, "-a", ex, "-o", out); code != 0 {
				t.Fatalf("exit %d: %s", code, e)
			}
			parseAllXML(t, out)
			sharedTool(t, "gbt9704.py", out, "--pdf")
			sharedTool(t, filepath.Join("ooxml", "check.py"), out)
			tpl, err := set.Load(id)
			if err != nil {
				t.Fatal(err)
			}
			a, err := schema.LoadAnswersFile(ex)
			if err != nil {
				t.Fatal(err)
			}
			if tpl, err = schema.WithFigures(tpl, a); err != nil {
				t.Fatal(err)
			}
			doc := render.Build(tpl.Evaluate(a))
			if _, err := exec.LookPath("pandoc"); err != nil {
				t.Skip("pandoc not installed")
			}
			md, err := exec.Command("pandoc", out, "-s", "-t", "markdown-smart", "--wrap=none").Output()
			if err != nil {
				t.Fatalf("pandoc: %v", err)
			}
			back := squash(string(md))
			var headings []string
			for _, line := range strings.Split(string(md), "\n") {
				if strings.HasPrefix(line, "#") {
					headings = append(headings, squash(strings.TrimLeft(line, "# ")))
				}
			}
			var want []string
			for _, p := range doc.Paras {
				if p.IsHeading() {
					want = append(want, squash(p.Number+render.PlainText(p.Heading)))
				}
				if text := squash(p.Number + render.PlainText(p.Heading) + render.PlainText(p.Body)); !strings.Contains(back, text) {
					t.Errorf("paragraph not read back by pandoc: %s", text)
				}
			}
			if strings.Join(headings, "|") != strings.Join(want, "|") {
				t.Errorf("headings read back:\n%s\nwant:\n%s", strings.Join(headings, "\n"), strings.Join(want, "\n"))
			}
			if !strings.Contains(back, squash(doc.Title)) || !strings.Contains(back, squash(doc.Signature.Date)) {
				t.Errorf("title or signature lost")
			}
		})
	}
}

// sharedTool runs one of the team's checkers in ../shared/tools on a file
// nigao wrote and fails the test when a check fails. Outside CI a missing
// checker or tool skips, saying what is missing; CI sets
// NIGAO_REQUIRE_SHARED=1 so the check cannot pass by not running.
func sharedTool(t *testing.T, script string, args ...string) {
	t.Helper()
	path := filepath.Join("..", "shared", "tools", script) // tests run at the repository root (atRoot)
	missing := ""
	if _, err := os.Stat(path); err != nil {
		missing = "checker " + path + " not found (the ../shared folder beside the clone)"
	}
	// Debian's python3: the one first on PATH may be another build.
	python := "/usr/bin/python3"
	if _, err := os.Stat(python); err != nil {
		missing = "python3 not installed"
	}
	need := []string{"xmllint"}
	if strings.HasPrefix(script, "gbt9704") {
		need = []string{"soffice", "pdftotext"}
	}
	for _, tool := range need {
		if _, err := exec.LookPath(tool); err != nil {
			missing = tool + " not installed"
		}
	}
	if missing != "" {
		if os.Getenv("NIGAO_REQUIRE_SHARED") != "" {
			t.Fatal(missing)
		}
		t.Log("skipped ", script, ": ", missing)
		return
	}
	cmd := exec.Command(python, append([]string{path}, args...)...)
	// LibreOffice needs a writable profile; keep it out of the user's home.
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir())
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Errorf("%s %s: %v\n%s", script, strings.Join(args, " "), err, out)
	}
}

// squash drops spaces and Markdown's emphasis and escapes, so text read
// back by pandoc compares with ours.
func squash(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\n', '\t', '*', '\\', '\u3000':
			return -1
		}
		return r
	}, s)
}

// parseAllXML opens a .docx and requires every .xml/.rels part to be
// well-formed XML.
func parseAllXML(t *testing.T, path string) {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	defer zr.Close()
	n := 0
	for _, f := range zr.File {
		if !strings.HasSuffix(f.Name, ".xml") && !strings.HasSuffix(f.Name, ".rels") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		dec := xml.NewDecoder(rc)
		for {
			_, err := dec.Token()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("%s: %v", f.Name, err)
			}
		}
		rc.Close()
		n++
	}
	if n < 5 {
		t.Fatalf("only %d XML parts", n)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatal(err)
	}
}
