// Package docxfile opens .docx files — a clerk's Word letterhead
// (render), last year's report to import (importer) — in one way and
// within one set of limits, so that a zip bomb or a broken file is
// refused with a clear message before anything is inflated. What a part
// means is the caller's business.
package docxfile

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Limits on a .docx. Word writes a few dozen parts and a report with many
// pictures some hundreds; a letterhead is a few hundred KiB, a logo or
// seal included, and a large photo some MiB.
const (
	MaxParts = 2000      // parts (zip entries)
	MaxPart  = 50 << 20  // bytes of one part, uncompressed
	MaxTotal = 200 << 20 // bytes of all parts, uncompressed
)

// MainPart is the main document, which every .docx has.
const MainPart = "word/document.xml"

// A File is an opened .docx: a zip whose part names and declared sizes
// were checked. Nothing is inflated until a part is read.
type File struct {
	Data   []byte      // the whole package
	Parts  []*zip.File // in package order
	byName map[string]*zip.File
}

// Open checks data as a .docx: a zip (not an old .doc or an encrypted
// file, which are told apart) of at most MaxParts uniquely named parts,
// declaring at most MaxPart bytes each and MaxTotal in all, with a main
// document.
func Open(data []byte) (*File, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		switch {
		case Encrypted(data):
			return nil, ErrEncrypted
		case bytes.HasPrefix(data, oleMagic):
			return nil, ErrDoc
		}
		return nil, errors.New("不是有效的 .docx 文件（不是 zip 格式）")
	}
	if len(zr.File) > MaxParts {
		return nil, fmt.Errorf("不是有效的 .docx 文件（包含 %d 个部件，过多）", len(zr.File))
	}
	f := &File{Data: data, Parts: zr.File, byName: make(map[string]*zip.File, len(zr.File))}
	var total uint64
	for _, p := range zr.File {
		if f.byName[p.Name] != nil {
			return nil, fmt.Errorf("不是有效的 .docx 文件（部件 %s 重复）", p.Name)
		}
		if err := checkName(p.Name); err != nil {
			return nil, err
		}
		f.byName[p.Name] = p
		if p.UncompressedSize64 > MaxPart {
			return nil, tooLarge(p)
		}
		if total += p.UncompressedSize64; total > MaxTotal {
			return nil, fmt.Errorf("文件内容过大（解压后超过 %d MiB），可能已损坏或是恶意构造的压缩包", MaxTotal>>20)
		}
	}
	if f.byName[MainPart] == nil {
		return nil, fmt.Errorf("不是有效的 .docx 文件（缺少 %s）", MainPart)
	}
	return f, nil
}

// An OLE compound file is what Word 97–2003 writes a .doc as, and what
// Word wraps a .docx in when it is given a password: the package is then
// the stream EncryptedPackage.
var (
	oleMagic     = []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")
	encryptedTag = []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e\x00")
)

// ErrEncrypted and ErrDoc say what a .docx that is not a zip is.
var (
	ErrEncrypted = errors.New("文件设了打开密码（受密码保护），nigao 打不开：请在 Word 中打开它，在“文件 → 信息 → 保护文档 → 用密码进行加密”里清空密码，保存后再用")
	ErrDoc       = errors.New("不是 .docx 文件，是旧版 .doc 格式（Word 97–2003）：请在 Word 或 WPS 中“另存为”“Word 文档(*.docx)”后再用")
)

// Encrypted reports a password-protected Word file.
func Encrypted(data []byte) bool {
	return bytes.HasPrefix(data, oleMagic) && bytes.Contains(data, encryptedTag)
}

// checkName refuses a part name that is not a plain relative path inside
// the package (OPC part names are): what is read from a letterhead is
// copied into drafts under the same names, and a name like
// ../../x or /etc/x or C:\x would mean something to an unzipping tool.
func checkName(name string) error {
	bad := name == "" || strings.HasPrefix(name, "/") || strings.ContainsAny(name, "\\:\x00") || !utf8.ValidString(name)
	for _, seg := range strings.Split(strings.TrimSuffix(name, "/"), "/") {
		bad = bad || seg == "" || seg == "." || seg == ".."
	}
	for _, r := range name {
		bad = bad || r < 0x20 || r == 0x7f
	}
	if bad {
		return fmt.Errorf("不是有效的 .docx 文件（部件名“%s”不安全），可能已损坏或是恶意构造的", strings.ToValidUTF8(strings.Map(func(r rune) rune {
			if r < 0x20 || r == 0x7f {
				return '?'
			}
			return r
		}, name), "?"))
	}
	return nil
}

// Part is the part named name, nil if there is none.
func (f *File) Part(name string) *zip.File { return f.byName[name] }

// Read inflates part p, within MaxPart whatever its header claims
// (archive/zip also refuses data longer than the declared size).
func (f *File) Read(p *zip.File) ([]byte, error) {
	// Sized from the header (at most MaxPart, checked by Open), so a
	// sound part is read without the buffer growing.
	buf := bytes.NewBuffer(make([]byte, 0, p.UncompressedSize64+bytes.MinRead))
	if err := inflate(buf, p); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Check inflates part p to see that it can be, keeping nothing.
func (f *File) Check(p *zip.File) error { return inflate(io.Discard, p) }

func inflate(w io.Writer, p *zip.File) error {
	rc, err := p.Open()
	if err != nil {
		return broken(p)
	}
	defer rc.Close()
	n, err := io.Copy(w, io.LimitReader(rc, MaxPart+1))
	if err != nil {
		return broken(p)
	}
	if n > MaxPart {
		return tooLarge(p)
	}
	return nil
}

func broken(p *zip.File) error {
	return fmt.Errorf("文件已损坏（部件 %s 无法解压）", p.Name)
}

func tooLarge(p *zip.File) error {
	return fmt.Errorf("文件内容过大（部件 %s 解压后超过 %d MiB），可能已损坏或是恶意构造的压缩包", p.Name, MaxPart>>20)
}
