package main

import (
	"archive/zip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// docxBody returns the text of word/document.xml of a .docx.
func docxBody(t *testing.T, p string) string {
	t.Helper()
	zr, err := zip.OpenReader(p)
	if err != nil {
		t.Fatalf("%s: %v", p, err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			b, err := io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			return string(b)
		}
	}
	t.Fatalf("%s: no word/document.xml", p)
	return ""
}

// TestRenderLetterhead: --docx-template pours the draft into the clerk's
// letterhead; so does the answers file's docx_template (relative to the
// answers file), which the flag overrides; a broken one names the
// answers file; a letterhead for Markdown is a usage error.
func TestRenderLetterhead(t *testing.T) {
	atRoot(t)
	lh, err := os.ReadFile("testdata/docx/letterhead.docx")
	if err != nil {
		t.Fatal(err)
	}
	answers, err := os.ReadFile("testdata/answers/township-halfyear.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("信纸/红头.docx", lh)
	bad := write("坏.docx", []byte("not a zip"))
	plain := write("a.yaml", answers)
	named := write("b.yaml", append([]byte("docx_template: 信纸/红头.docx\n"), answers...))
	broken := write("c.yaml", append([]byte("docx_template: 坏.docx\n"), answers...))
	out := filepath.Join(dir, "稿子.docx")
	const letterhead = "某某镇人民政府" // in testdata/docx/letterhead.docx

	for _, c := range []struct {
		name string
		args []string
		want bool // the letterhead is in the draft
	}{
		{"built-in layout", []string{"-a", plain}, false},
		{"--docx-template", []string{"-a", plain, "--docx-template", filepath.Join(dir, "信纸/红头.docx")}, true},
		{"docx_template in the answers", []string{"-a", named}, true},
		{"the flag overrides the answers", []string{"-a", broken, "--docx-template", filepath.Join(dir, "信纸/红头.docx")}, true},
	} {
		os.Remove(out)
		_, stderr, code := nigao(t, append([]string{"render", "-q", "-t", "township-halfyear", "-o", out}, c.args...)...)
		if code != 0 {
			t.Errorf("%s: exit %d: %s", c.name, code, stderr)
			continue
		}
		body := docxBody(t, out)
		if got := strings.Contains(body, letterhead); got != c.want {
			t.Errorf("%s: letterhead in the draft %v, want %v", c.name, got, c.want)
		}
		if !strings.Contains(body, "归义镇2022年上半年工作总结") || strings.Contains(body, "{{") {
			t.Errorf("%s: title missing or a placeholder left", c.name)
		}
	}

	os.Remove(out)
	_, stderr, code := nigao(t, "render", "-t", "township-halfyear", "-a", broken, "-o", out)
	if code != 1 || !strings.Contains(stderr, "c.yaml 的 docx_template") || !strings.Contains(stderr, filepath.Base(bad)) {
		t.Errorf("broken docx_template: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a draft was written although the letterhead is broken")
	}
	// Markdown has no letterhead: the answers' docx_template is ignored,
	// the flag is a usage error
	md := filepath.Join(dir, "稿子.md")
	if _, stderr, code := nigao(t, "render", "-q", "-t", "township-halfyear", "-a", broken, "-o", md); code != 0 {
		t.Errorf("markdown with docx_template in the answers: exit %d: %s", code, stderr)
	}
	if _, _, code := nigao(t, "render", "-t", "township-halfyear", "-a", plain, "-o", md, "--docx-template", bad); code != 2 {
		t.Errorf("--docx-template with .md: exit %d, want 2", code)
	}
}
