package importer

import (
	"bytes"
	"errors"
	"os"
	"runtime/metrics"
	"strings"
	"testing"

	"golang.org/x/text/encoding/traditionalchinese"
	xunicode "golang.org/x/text/encoding/unicode"

	"github.com/nigao/nigao/docxfile"
	"github.com/nigao/nigao/schema"
)

// A report from anywhere: whatever it holds, the import ends soon, within
// a memory ceiling, with a message saying what is wrong.

// sampleReport is a short report; the tests repeat and re-encode it.
func sampleReport(t testing.TB) string {
	data, err := os.ReadFile("../testdata/import/plain-utf8.txt")
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// allocated returns the bytes fn allocates on the heap.
func allocated(fn func()) uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}}
	metrics.Read(s)
	before := s[0].Value.Uint64()
	fn()
	metrics.Read(s)
	return s[0].Value.Uint64() - before
}

func encode(t *testing.T, enc interface{ Bytes([]byte) ([]byte, error) }, s string) []byte {
	t.Helper()
	out, err := enc.Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// docx makes a .docx whose main document holds body.
func docx(t *testing.T, body string) []byte {
	return zipOf(t, map[string][]byte{docxfile.MainPart: []byte(`<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + body + `</w:body></w:document>`)})
}

func TestUntrustedReports(t *testing.T) {
	report := sampleReport(t)
	traditional := "二〇二三年工作總結\n\n今年以來，我鎮堅持穩中求進，全年完成財政收入一千二百萬元，引進項目十二個，各項工作有序推進。\n"
	tests := []struct {
		name string
		data []byte
		want string // the error, or the encoding read
	}{
		{"utf16le.txt", encode(t, xunicode.UTF16(xunicode.LittleEndian, xunicode.IgnoreBOM).NewEncoder(), report), "UTF-16LE（无 BOM）"},
		{"utf16be.txt", encode(t, xunicode.UTF16(xunicode.BigEndian, xunicode.IgnoreBOM).NewEncoder(), report), "UTF-16BE（无 BOM）"},
		{"big5.txt", encode(t, traditionalchinese.Big5.NewEncoder(), strings.Repeat(traditional, 3)), "文件是繁体中文的 Big5 编码"},
		{"encrypted.docx", []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e\x00"), "文件设了打开密码（受密码保护）"},
		{"encrypted.txt", []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e\x00"), "文件设了打开密码（受密码保护）"},
		{"nested.docx", docx(t, strings.Repeat("<w:p>", 1_000_000)), ".docx 的结构异常（元素嵌套超过 256 层）"},
		{"many.docx", docx(t, strings.Repeat("<w:p/>", 200_000)), ".docx 的段落过多（超过 100000 段）"},
		{"long.txt", []byte(strings.Repeat(report, MaxText/len(report)+1)), "报告的文字太长（超过 34 万字）"},
		{"headings.txt", []byte(strings.Repeat("一、工作\n\n", 60_000)), "报告太长：生成的模板超过了模板的上限"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var res *Checked
			var err error
			n := allocated(func() { res, err = ImportChecked(tt.name, tt.data, nil, nil) })
			if n > 256<<20 {
				t.Errorf("allocated %d MiB", n>>20)
			}
			got := ""
			if err != nil {
				got = err.Error()
			} else {
				got = res.Result.Report.Encoding
			}
			if !strings.Contains(got, tt.want) || strings.Contains(got, "请报告") {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// A report made of Big5 bytes is not taken for GBK, and GBK text is not
// taken for Big5.
func TestLooksBig5(t *testing.T) {
	report := sampleReport(t)
	gbk, err := os.ReadFile("../testdata/import/gbk.txt")
	if err != nil {
		t.Fatal(err)
	}
	if looksBig5(gbk) || looksBig5([]byte(report)) {
		t.Error("GBK or UTF-8 taken for Big5")
	}
	if _, _, err := decodeText(gbk); err != nil {
		t.Errorf("GBK: %v", err)
	}
}

// What the importer writes fits a template's limits: the message of a
// report too large is the importer's, not the schema's bug report.
func TestImportOutputFitsTemplateLimits(t *testing.T) {
	report := sampleReport(t)
	big := strings.Repeat(report+"\n", MaxText/(len(report)+1))
	res, err := ImportChecked("big.txt", []byte(big), nil, nil)
	if err != nil {
		if !errors.Is(err, schema.ErrTooLarge) && !strings.Contains(err.Error(), "报告太长") {
			t.Fatal(err)
		}
		return
	}
	if len(res.Result.Template) > schema.MaxSourceSize || !bytes.Contains(res.Result.Template, []byte("sections:")) {
		t.Errorf("template of %d bytes", len(res.Result.Template))
	}
}
