package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nigao/nigao/templates"
)

// The editor support is checked with the real client a clerk's editor
// runs: yaml-language-server (VS Code's YAML extension), installed by
// .ci/run under .ci/node_modules and driven here over stdio (LSP JSON-RPC).

// yamlServer is where .ci/run installs yaml-language-server.
const yamlServer = ".ci/node_modules/yaml-language-server/bin/yaml-language-server"

// lspWait bounds each wait for the server: not a timing assertion, only
// so that a server that never answers fails the test instead of hanging.
const lspWait = 60 * time.Second

type lspClient struct {
	t       *testing.T
	cmd     *exec.Cmd
	in      io.WriteCloser
	mu      sync.Mutex
	nextID  int
	replies map[int]chan json.RawMessage
	diags   map[string]chan []lspDiagnostic
}

type lspDiagnostic struct {
	Range struct {
		Start struct{ Line, Character int }
	}
	Message  string
	Severity int
}

// startYAMLServer starts yaml-language-server with schemas associated by
// glob (besides the modeline in a file), the schema store off: all offline.
func startYAMLServer(t *testing.T, schemas map[string][]string) *lspClient {
	t.Helper()
	node, err := exec.LookPath("node")
	if err == nil {
		_, err = os.Stat(yamlServer)
	}
	if err != nil {
		msg := "yaml-language-server is not installed (" + err.Error() + "): npm install --prefix .ci yaml-language-server, as .ci/run does"
		if os.Getenv("NIGAO_REQUIRE_EDITOR") == "1" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	c := &lspClient{t: t, replies: map[int]chan json.RawMessage{}, diags: map[string]chan []lspDiagnostic{}}
	c.cmd = exec.Command(node, yamlServer, "--stdio")
	c.cmd.Stderr = io.Discard
	if c.in, err = c.cmd.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	out, err := c.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c.in.Close()
		c.cmd.Process.Kill()
		c.cmd.Wait()
	})
	settings := map[string]any{"yaml": map[string]any{
		"validate": true, "hover": true, "completion": true,
		"schemas":     schemas,
		"schemaStore": map[string]any{"enable": false},
	}}
	go c.read(bufio.NewReader(out), settings)
	root, _ := os.Getwd()
	c.call("initialize", map[string]any{
		"processId": os.Getpid(),
		"rootUri":   fileURI(root),
		"capabilities": map[string]any{
			"workspace":    map[string]any{"configuration": true},
			"textDocument": map[string]any{"completion": map[string]any{"completionItem": map[string]any{"snippetSupport": false}}, "hover": map[string]any{"contentFormat": []string{"plaintext", "markdown"}}},
		},
	})
	c.notify("initialized", map[string]any{})
	c.notify("workspace/didChangeConfiguration", map[string]any{"settings": settings})
	return c
}

func fileURI(p string) string {
	abs, _ := filepath.Abs(p)
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
}

func (c *lspClient) send(msg map[string]any) {
	msg["jsonrpc"] = "2.0"
	b, _ := json.Marshal(msg)
	c.mu.Lock()
	defer c.mu.Unlock()
	fmt.Fprintf(c.in, "Content-Length: %d\r\n\r\n%s", len(b), b)
}

func (c *lspClient) notify(method string, params any) {
	c.send(map[string]any{"method": method, "params": params})
}

// call sends a request and waits for its result.
func (c *lspClient) call(method string, params any) json.RawMessage {
	c.t.Helper()
	c.mu.Lock()
	c.nextID++
	id := c.nextID
	ch := make(chan json.RawMessage, 1)
	c.replies[id] = ch
	c.mu.Unlock()
	c.send(map[string]any{"id": id, "method": method, "params": params})
	select {
	case r := <-ch:
		return r
	case <-time.After(lspWait):
		c.t.Fatalf("yaml-language-server did not answer %s", method)
		return nil
	}
}

// read dispatches what the server sends: replies, diagnostics, and its
// own requests (the configuration, mostly), which are answered.
func (c *lspClient) read(r *bufio.Reader, settings map[string]any) {
	for {
		n := 0
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return
			}
			line = strings.TrimSpace(line)
			if line == "" {
				break
			}
			if v, ok := strings.CutPrefix(line, "Content-Length: "); ok {
				n, _ = strconv.Atoi(v)
			}
		}
		body := make([]byte, n)
		if _, err := io.ReadFull(r, body); err != nil {
			return
		}
		var m struct {
			ID     json.RawMessage
			Method string
			Params json.RawMessage
			Result json.RawMessage
		}
		if json.Unmarshal(body, &m) != nil {
			continue
		}
		switch {
		case m.Method == "textDocument/publishDiagnostics":
			var p struct {
				URI         string
				Diagnostics []lspDiagnostic
			}
			json.Unmarshal(m.Params, &p)
			c.diagChan(p.URI) <- p.Diagnostics
		case m.Method != "" && m.ID != nil:
			var result any
			if m.Method == "workspace/configuration" {
				var p struct{ Items []struct{ Section string } }
				json.Unmarshal(m.Params, &p)
				items := []any{}
				for _, it := range p.Items {
					var v any = settings
					for _, k := range strings.Split(it.Section, ".") {
						if mm, ok := v.(map[string]any); ok && k != "" {
							v = mm[k]
						}
					}
					items = append(items, v)
				}
				result = items
			}
			b, _ := json.Marshal(map[string]any{"jsonrpc": "2.0", "id": m.ID, "result": result})
			c.mu.Lock()
			fmt.Fprintf(c.in, "Content-Length: %d\r\n\r\n%s", len(b), b)
			c.mu.Unlock()
		case m.ID != nil:
			id, _ := strconv.Atoi(string(m.ID))
			c.mu.Lock()
			ch := c.replies[id]
			c.mu.Unlock()
			if ch != nil {
				ch <- m.Result
			}
		}
	}
}

func (c *lspClient) diagChan(uri string) chan []lspDiagnostic {
	c.mu.Lock()
	defer c.mu.Unlock()
	ch := c.diags[uri]
	if ch == nil {
		ch = make(chan []lspDiagnostic, 16)
		c.diags[uri] = ch
	}
	return ch
}

// open opens path (with text, or its content) and returns the server's
// diagnostics of it.
func (c *lspClient) open(path, text string) []lspDiagnostic {
	c.t.Helper()
	if text == "" {
		b, err := os.ReadFile(path)
		if err != nil {
			c.t.Fatal(err)
		}
		text = string(b)
	}
	uri := fileURI(path)
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "yaml", "version": 1, "text": text}})
	select {
	case d := <-c.diagChan(uri):
		return d
	case <-time.After(lspWait):
		c.t.Fatalf("no diagnostics of %s from yaml-language-server", path)
		return nil
	}
}

// completion lists the labels offered at line, character (0-based).
func (c *lspClient) completion(path string, line, char int) []string {
	c.t.Helper()
	r := c.call("textDocument/completion", map[string]any{"textDocument": map[string]any{"uri": fileURI(path)}, "position": map[string]any{"line": line, "character": char}})
	var res struct{ Items []struct{ Label string } }
	if json.Unmarshal(r, &res) != nil {
		var items []struct{ Label string }
		json.Unmarshal(r, &items)
		res.Items = items
	}
	var out []string
	for _, it := range res.Items {
		out = append(out, it.Label)
	}
	return out
}

// hover is the text shown over line, character (0-based).
func (c *lspClient) hover(path string, line, char int) string {
	c.t.Helper()
	r := c.call("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": fileURI(path)}, "position": map[string]any{"line": line, "character": char}})
	var res struct{ Contents any }
	json.Unmarshal(r, &res)
	b, _ := json.Marshal(res.Contents)
	return string(b)
}

func diagText(ds []lspDiagnostic) string {
	var b strings.Builder
	for _, d := range ds {
		fmt.Fprintf(&b, "\n  %d:%d: %s", d.Range.Start.Line+1, d.Range.Start.Character+1, d.Message)
	}
	return b.String()
}

// TestEditorSupport: every built-in template and library file, and a
// fresh `nigao template copy` in a clerk's folder outside the repository,
// check clean in yaml-language-server; a misspelled key is flagged; keys
// complete inside a section and inside a field; keys show a description
// on hover.
func TestEditorSupport(t *testing.T) {
	atRoot(t)
	schemaURI := fileURI("docs/nigao.schema.json")
	lsp := startYAMLServer(t, map[string][]string{schemaURI: {"templates/sections/*.yaml"}})

	builtins, _ := filepath.Glob("templates/builtin/*.yaml")
	sections, _ := filepath.Glob("templates/sections/*.yaml")
	if len(builtins) < 4 || len(sections) < 13 {
		t.Fatalf("%d templates, %d library files", len(builtins), len(sections))
	}
	for _, p := range append(builtins, sections...) {
		if ds := lsp.open(p, ""); len(ds) > 0 {
			t.Errorf("%s:%s", p, diagText(ds))
		}
	}

	// the clerk's folder: the copy and the schema beside it, no repository
	clerk := t.TempDir()
	if _, e, code := nigao(t, "template", "copy", templates.Default, filepath.Join(clerk, "templates")); code != 0 {
		t.Fatal(e)
	}
	copied := filepath.Join(clerk, "templates", templates.Default+".yaml")
	src, _ := os.ReadFile(copied)
	if ds := lsp.open(copied, ""); len(ds) > 0 {
		t.Errorf("fresh copy %s:%s", copied, diagText(ds))
	}

	// a misspelled key, in a copy of its own (a document is opened once)
	misspelled := filepath.Join(clerk, "templates", "misspelled.yaml")
	lines := strings.Split(string(src), "\n")
	target := -1
	for i, l := range lines {
		if strings.HasPrefix(l, "    optional:") {
			lines[i] = strings.Replace(l, "optional:", "optinal:", 1)
			target = i
			break
		}
	}
	if target < 0 {
		t.Fatal("no optional: in the copy")
	}
	ds := lsp.open(misspelled, strings.Join(lines, "\n"))
	found := false
	for _, d := range ds {
		found = found || d.Range.Start.Line == target && strings.Contains(d.Message, "optinal")
	}
	if !found {
		t.Errorf("misspelled key on line %d not flagged:%s", target+1, diagText(ds))
	}

	// completion inside a section and inside a field
	doc := filepath.Join(clerk, "templates", "new.yaml")
	text := "# yaml-language-server: $schema=nigao.schema.json\n" +
		"id: new\nname: 新模板\ntitle: 标题\nsections:\n  - id: 甲\n    \n    fields:\n      - id: 乙\n        \n"
	lsp.open(doc, text)
	for _, tt := range []struct {
		where      string
		line, char int
		want       []string
	}{
		{"section", 6, 4, []string{"heading", "runin", "optional", "items", "use"}},
		{"field", 9, 8, []string{"type", "unit", "label", "compute"}},
		{"top", 1, 0, []string{"info", "opening", "closing", "signature"}},
	} {
		got := lsp.completion(doc, tt.line, tt.char)
		for _, w := range tt.want {
			if !contains(got, w) {
				t.Errorf("completion in a %s: %q not offered (got %v)", tt.where, w, got)
			}
		}
	}
	// hover shows the Chinese description
	for _, tt := range []struct {
		line, char int
		want       string
	}{
		{1, 1, "模板 id"},
		{4, 2, "正文各部分"},
		{7, 6, "本部分要填的字段"},
		{8, 9, "字段 id"},
	} {
		if h := lsp.hover(doc, tt.line, tt.char); !strings.Contains(h, tt.want) {
			t.Errorf("hover at %d:%d: %s, want %q", tt.line+1, tt.char+1, h, tt.want)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// template copy writes the schema beside the copy, when it is missing or
// not this nigao's, and points the copy's first line at it.
func TestTemplateCopyWritesSchema(t *testing.T) {
	atRoot(t)
	dir := filepath.Join(t.TempDir(), "templates")
	out, e, code := nigao(t, "template", "copy", templates.Default, dir)
	if code != 0 {
		t.Fatal(e)
	}
	p := filepath.Join(dir, "nigao.schema.json")
	want, _ := os.ReadFile("docs/nigao.schema.json")
	if got, err := os.ReadFile(p); err != nil || string(got) != string(want) {
		t.Fatalf("%s not written as docs/nigao.schema.json (%v)", p, err)
	}
	if !strings.Contains(out, p) {
		t.Errorf("the schema written is not said:\n%s", out)
	}
	src, _ := os.ReadFile(filepath.Join(dir, templates.Default+".yaml"))
	if first, _, _ := strings.Cut(string(src), "\n"); first != "# yaml-language-server: $schema=./nigao.schema.json" {
		t.Errorf("first line of the copy: %q", first)
	}
	os.WriteFile(p, []byte("{}"), 0o644) // an older nigao's
	out, _, _ = nigao(t, "template", "copy", "township-annual", dir)
	if got, _ := os.ReadFile(p); string(got) != string(want) || !strings.Contains(out, p) {
		t.Errorf("outdated schema not replaced:\n%s", out)
	}
	if out, _, _ = nigao(t, "template", "copy", "township-report", dir); strings.Contains(out, p) {
		t.Errorf("current schema written again:\n%s", out)
	}
}
