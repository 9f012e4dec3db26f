package schema

import (
	"fmt"
	"testing"

	"go.yaml.in/yaml/v3"
)

// sameTree reports how a and b differ (comments aside), or "" if they do
// not. An alias is compared by the pre-order position of its target.
func sameTree(a, b *yaml.Node) string {
	ia, ib := map[*yaml.Node]int{}, map[*yaml.Node]int{}
	var walk func(a, b *yaml.Node, path string) string
	walk = func(a, b *yaml.Node, path string) string {
		if (a == nil) != (b == nil) {
			return path + ": one is nil"
		}
		if a == nil {
			return ""
		}
		ia[a], ib[b] = len(ia), len(ib)
		if a.Kind != b.Kind || a.Style != b.Style || a.Tag != b.Tag || a.Value != b.Value || a.Anchor != b.Anchor || a.Line != b.Line || a.Column != b.Column {
			return fmt.Sprintf("%s: %+v\n != %+v", path, *a, *b)
		}
		if (a.Alias == nil) != (b.Alias == nil) {
			return path + ": alias set on one side only"
		}
		if a.Alias != nil {
			ta, oka := ia[a.Alias]
			tb, okb := ib[b.Alias]
			if !oka || !okb || ta != tb {
				return fmt.Sprintf("%s: alias targets %d (%v) and %d (%v)", path, ta, oka, tb, okb)
			}
		}
		if a.Kind == yaml.AliasNode {
			return ""
		}
		if len(a.Content) != len(b.Content) {
			return fmt.Sprintf("%s: %d children != %d", path, len(a.Content), len(b.Content))
		}
		for i := range a.Content {
			if d := walk(a.Content[i], b.Content[i], fmt.Sprintf("%s/%d", path, i)); d != "" {
				return d
			}
		}
		return ""
	}
	return walk(a, b, "")
}

func roundTrip(t *testing.T, doc *yaml.Node) {
	t.Helper()
	data, err := EncodeNode(nil, doc)
	if err != nil {
		t.Fatalf("encode: %v", err)
	}
	got, err := DecodeNode(string(data))
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	if d := sameTree(doc, got); d != "" {
		t.Fatalf("round trip differs at %s", d)
	}
	// Truncated data is an error, not a panic or a partial tree.
	for _, n := range []int{0, 1, len(data) / 2, len(data) - 1} {
		if _, err := DecodeNode(string(data[:n])); err == nil {
			t.Errorf("decoding %d of %d bytes: no error", n, len(data))
		}
	}
}

func TestNodeCodecRoundTrip(t *testing.T) {
	for _, src := range []string{
		miniTemplate,
		"",
		"a: &x [1, 2.5, ~, true, '2024-01-01']\nb: *x\nc: !custom |\n  text\n",
		"<<: &base {k: v}\nx: {<<: *base, y: \"q\"}\n",
		"- &a [*a]\n",
		"- !!binary aGVsbG8=\n- >\n  folded\n  text\n",
		"# only a comment\n",
	} {
		var doc yaml.Node
		if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
			t.Fatalf("%q: %v", src, err)
		}
		roundTrip(t, &doc)
	}
}

func TestNodeCodecRejects(t *testing.T) {
	dangling := &yaml.Node{Kind: yaml.SequenceNode, Content: []*yaml.Node{{Kind: yaml.AliasNode, Value: "x", Alias: &yaml.Node{Kind: yaml.ScalarNode}}}}
	if _, err := EncodeNode(nil, dangling); err == nil {
		t.Error("alias to a node outside the tree encoded")
	}
	for _, data := range []string{"", "\x00", "\x01\x00", "\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff", "\x01\x00\x08\x00\x00\x00\x00\x00\x00\x00extra"} {
		if _, err := DecodeNode(data); err == nil {
			t.Errorf("DecodeNode(%q): no error", data)
		}
	}
}

// FuzzNodeCodec: any YAML that parses survives encoding and decoding
// unchanged, and no bytes make the decoder panic.
func FuzzNodeCodec(f *testing.F) {
	seeds(f, "../testdata/render", "../templates/builtin", "../templates/sections")
	f.Add([]byte(miniTemplate))
	f.Add([]byte("a: &x [1, 2]\nb: *x\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		DecodeNode(string(src)) // arbitrary bytes: an error at worst
		var doc yaml.Node
		if yaml.Unmarshal(src, &doc) != nil {
			return
		}
		data, err := EncodeNode(nil, &doc)
		if err != nil {
			t.Fatalf("encode: %v", err)
		}
		got, err := DecodeNode(string(data))
		if err != nil {
			t.Fatalf("decode: %v", err)
		}
		if d := sameTree(&doc, got); d != "" {
			t.Fatalf("round trip differs at %s", d)
		}
	})
}

func BenchmarkNodeDecode(b *testing.B) {
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(miniTemplate), &doc); err != nil {
		b.Fatal(err)
	}
	data, err := EncodeNode(nil, &doc)
	if err != nil {
		b.Fatal(err)
	}
	s := string(data)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := DecodeNode(s); err != nil {
			b.Fatal(err)
		}
	}
}
