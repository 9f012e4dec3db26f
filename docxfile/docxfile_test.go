package docxfile

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// part is a zip entry to write: its content, and optionally the sizes its
// header claims (a lying header, a bomb without the memory).
type part struct {
	name, data string
	claim      uint64 // uncompressed size the header claims; 0: the true one
}

func zipOf(t testing.TB, parts ...part) []byte {
	t.Helper()
	var buf, raw bytes.Buffer
	zw := zip.NewWriter(&buf)
	fw, _ := flate.NewWriter(&raw, flate.BestSpeed)
	for _, p := range parts {
		raw.Reset()
		fw.Reset(&raw)
		fw.Write([]byte(p.data))
		fw.Close()
		h := &zip.FileHeader{Name: p.name, Method: zip.Deflate, CRC32: crc32.ChecksumIEEE([]byte(p.data)),
			CompressedSize64: uint64(raw.Len()), UncompressedSize64: uint64(len(p.data))}
		if p.claim != 0 {
			h.UncompressedSize64 = p.claim
		}
		w, err := zw.CreateRaw(h)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(raw.Bytes())
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

var main = part{name: MainPart, data: "<w:document/>"}

func TestOpen(t *testing.T) {
	many := []part{main}
	for i := range MaxParts {
		many = append(many, part{name: fmt.Sprint("p", i)})
	}
	const big = 45 << 20 // five of them are over MaxTotal
	for _, tc := range []struct {
		name string
		data []byte
		want string // in the error; "" for none
	}{
		{"sound", zipOf(t, main, part{name: "word/styles.xml", data: "<w:styles/>"}), ""},
		{"not a zip", []byte("PK but not"), "不是 zip 格式"},
		{"old .doc", []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest"), "旧版 .doc"},
		{"encrypted .docx", []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1...E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e\x00..."), "设了打开密码（受密码保护）"},
		{"part outside the package", zipOf(t, main, part{name: "../../evil.xml", data: "<a/>"}), "部件名“../../evil.xml”不安全"},
		{"absolute part name", zipOf(t, main, part{name: "/etc/evil", data: "x"}), "不安全"},
		{"backslash in a part name", zipOf(t, main, part{name: "word\\..\\..\\evil", data: "x"}), "不安全"},
		{"drive in a part name", zipOf(t, main, part{name: "C:/evil", data: "x"}), "不安全"},
		{"empty segment", zipOf(t, main, part{name: "word//a.xml", data: "x"}), "不安全"},
		{"no main document", zipOf(t, part{name: "word/styles.xml", data: "<a/>"}), "缺少 word/document.xml"},
		{"a part twice", zipOf(t, main, main), "重复"},
		{"too many parts", zipOf(t, many...), "过多"},
		{"one part too large", zipOf(t, main, part{name: "word/media/a.png", data: "x", claim: MaxPart + 1}), "解压后超过 50 MiB"},
		{"all parts too large", zipOf(t, main, part{name: "a", claim: big}, part{name: "b", claim: big},
			part{name: "c", claim: big}, part{name: "d", claim: big}, part{name: "e", claim: big}), "解压后超过 200 MiB"},
	} {
		f, err := Open(tc.data)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s: error %v, want one with %q", tc.name, err, tc.want)
		case err == nil:
			got, err := f.Read(f.Part(MainPart))
			if err != nil || string(got) != main.data {
				t.Errorf("%s: main document %q, %v", tc.name, got, err)
			}
		}
	}
}

// TestRead: a part inflates to what was written; one whose header claims
// less than it holds, or that does not inflate, is an error.
func TestRead(t *testing.T) {
	f, err := Open(zipOf(t, main, part{name: "liar", data: strings.Repeat("x", 1000), claim: 10}))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Read(f.Part("liar")); err == nil || !strings.Contains(err.Error(), "无法解压") {
		t.Errorf("a part longer than its header: %v", err)
	}
	if err := f.Check(f.Part("liar")); err == nil {
		t.Error("Check passes a part longer than its header")
	}
	if err := f.Check(f.Part(MainPart)); err != nil {
		t.Error(err)
	}
	if f.Part("none") != nil {
		t.Error("a part that is not there")
	}
}

// FuzzOpen: any bytes open or give an error, and every part of what
// opens reads within the limit or gives an error; nothing panics.
func FuzzOpen(f *testing.F) {
	f.Add(zipOf(f, main))
	for _, name := range []string{"letterhead.docx", "bomb.docx", "malformed.docx"} {
		if data, err := os.ReadFile(filepath.Join("..", "testdata", "docx", name)); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Open(data)
		if err != nil {
			return
		}
		for _, p := range d.Parts {
			if b, err := d.Read(p); err == nil && len(b) > MaxPart {
				t.Fatalf("%s: %d bytes", p.Name, len(b))
			}
		}
	})
}
