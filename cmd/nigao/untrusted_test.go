//go:build unix

package main

import (
	"archive/zip"
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Issue 16: templates, answers files and reports come from other offices,
// so nigao treats them as untrusted. Every case of the issue is run here
// with the real binary, as a child process with a data limit, and must
// end with a clear message within the memory ceiling.

const (
	// memoryCeiling is the peak resident memory one run may reach; a
	// render of the largest built-in template takes about 20 MiB.
	memoryCeiling = 200 << 20
	// dataLimit is the child's RLIMIT_DATA: should a budget fail, the
	// child dies instead of taking the machine's memory.
	dataLimit = 512 << 20
	// hang is how long a run may take before it counts as hanging. It
	// is no timing assertion: every case ends in milliseconds, and one
	// that waits on a pipe or loops would otherwise stop the whole suite.
	hang = 60 * time.Second
)

// untrusted is the folder of the files.
var untrusted, _ = filepath.Abs("../../testdata/untrusted")

// buildNigao builds the binary into a folder of t's.
func buildNigao(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	if runtime.GOOS == "windows" {
		t.Skip("the limits are set with sh's ulimit")
	}
	bin := filepath.Join(t.TempDir(), "nigao")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

type childRun struct {
	stdout, stderr string
	code           int
	maxRSS         int64 // bytes
}

// runChild runs bin with args in dir, under the data limit, with an
// empty home, and fails t if it hangs or passes the memory ceiling.
func runChild(t *testing.T, dir, bin string, args ...string) childRun {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), hang)
	defer cancel()
	cmd := exec.CommandContext(ctx, "sh", append([]string{"-c", `ulimit -d ` + strconv.Itoa(dataLimit>>10) + ` && exec "$0" "$@"`, bin}, args...)...)
	cmd.Dir = dir
	home := t.TempDir()
	cmd.Env = append(os.Environ(), "HOME="+home, "XDG_CONFIG_HOME="+filepath.Join(home, ".config"), "XDG_CACHE_HOME="+filepath.Join(home, ".cache"))
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("nigao %s did not end in %v", strings.Join(args, " "), hang)
	}
	r := childRun{stdout: out.String(), stderr: errb.String()}
	if ee, ok := err.(*exec.ExitError); ok {
		r.code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.maxRSS = int64(ru.Maxrss) << 10 // KiB on Linux
	}
	if r.maxRSS > memoryCeiling {
		t.Errorf("nigao %s: peak memory %d MiB, over the ceiling of %d MiB", strings.Join(args, " "), r.maxRSS>>20, memoryCeiling>>20)
	}
	return r
}

// untrustedCase is one attack: files made in a fresh folder, the command,
// and what it must answer.
type untrustedCase struct {
	name   string
	setup  func(t *testing.T, dir string) // makes the files it needs in dir
	args   []string
	code   int
	want   []string // in stdout or stderr
	never  []string // never printed
	same   []string // files in dir that must be left as they were
	absent []string // files in dir that must not be there afterwards
}

func TestUntrustedInputs(t *testing.T) {
	bin := buildNigao(t)
	for _, c := range untrustedCases() {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			if c.setup != nil {
				c.setup(t, dir)
			}
			before := map[string][]byte{}
			for _, f := range c.same {
				before[f], _ = os.ReadFile(filepath.Join(dir, f))
			}
			r := runChild(t, dir, bin, c.args...)
			all := r.stdout + r.stderr
			if r.code != c.code {
				t.Errorf("exit %d, want %d\n%s", r.code, c.code, all)
			}
			for _, w := range c.want {
				if !strings.Contains(all, w) {
					t.Errorf("no %q in:\n%s", w, all)
				}
			}
			for _, w := range c.never {
				if strings.Contains(all, w) {
					t.Errorf("%q printed:\n%s", w, all)
				}
			}
			for _, f := range c.same {
				if now, _ := os.ReadFile(filepath.Join(dir, f)); !bytes.Equal(now, before[f]) {
					t.Errorf("%s changed", f)
				}
			}
			for _, f := range c.absent {
				if _, err := os.Lstat(filepath.Join(dir, f)); err == nil {
					t.Errorf("%s was written", f)
				}
			}
		})
	}
}

// copyUntrusted copies files of testdata/untrusted into dir.
func copyUntrusted(names ...string) func(t *testing.T, dir string) {
	return func(t *testing.T, dir string) {
		for _, n := range names {
			data, err := os.ReadFile(filepath.Join(untrusted, n))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, n), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// both runs setups in turn.
func both(fs ...func(t *testing.T, dir string)) func(t *testing.T, dir string) {
	return func(t *testing.T, dir string) {
		for _, f := range fs {
			f(t, dir)
		}
	}
}

// file writes one file into dir.
func file(name, content string) func(t *testing.T, dir string) {
	return func(t *testing.T, dir string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// copyFile copies a file of the repository into dir under name.
func copyFile(from, name string) func(t *testing.T, dir string) {
	return func(t *testing.T, dir string) {
		data, err := os.ReadFile(filepath.Join("../..", from))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// link makes name another name of the file target in dir.
func link(target, name string) func(t *testing.T, dir string) {
	return func(t *testing.T, dir string) {
		if err := os.Link(filepath.Join(dir, target), filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
}

// readOnly makes a file of dir read-only.
func readOnly(name string) func(t *testing.T, dir string) {
	return func(t *testing.T, dir string) {
		if err := os.Chmod(filepath.Join(dir, name), 0o444); err != nil {
			t.Fatal(err)
		}
	}
}

// docxWith writes a .docx whose main document holds body.
func docxWith(name, body string) func(t *testing.T, dir string) {
	return func(t *testing.T, dir string) {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		w, _ := zw.Create("word/document.xml")
		w.Write([]byte(`<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + body + `</w:body></w:document>`))
		zw.Close()
		if err := os.WriteFile(filepath.Join(dir, name), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// fifo makes a named pipe in dir: opening it to read would wait for a
// writer forever.
func fifo(name string) func(t *testing.T, dir string) {
	return func(t *testing.T, dir string) {
		if err := syscall.Mkfifo(filepath.Join(dir, name), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// answersWith writes answers for template id with one value, given as
// YAML.
func answersWith(name, id, key, yamlValue string) func(t *testing.T, dir string) {
	return file(name, "template: "+id+"\nvalues:\n  "+key+": "+yamlValue+"\n")
}

func yamlList(n int) string {
	return "[" + strings.TrimSuffix(strings.Repeat("项, ", n), ", ") + "]"
}

func untrustedCases() []untrustedCase {
	const tplNote = "用模板自己的默认值计算就超出了上限"
	return []untrustedCase{
		// 1. aliases expanded without a budget
		{name: "alias bomb", setup: copyUntrusted("alias-bomb.yaml"), args: []string{"lint", "alias-bomb.yaml"}, code: 1,
			want: []string{"alias-bomb.yaml:17:18: 别名“*l3”展开后，文件的内容超过 100000 项"}},
		{name: "alias bomb in ./templates", setup: func(t *testing.T, dir string) {
			os.Mkdir(filepath.Join(dir, "templates"), 0o755)
			copyUntrusted("alias-bomb.yaml")(t, filepath.Join(dir, "templates"))
		}, args: []string{"templates"}, code: 0, want: []string{"township-annual", "templates/alias-bomb.yaml"}},
		{name: "alias wide render", setup: copyUntrusted("alias-wide.yaml"), args: []string{"render", "-t", "alias-wide.yaml", "-o", "x.md"}, code: 1,
			want: []string{"alias-wide.yaml:17:113: 别名“*l3”展开后"}},
		{name: "alias paragraphs", setup: copyUntrusted("alias-paragraphs.yaml"), args: []string{"render", "-t", "alias-paragraphs.yaml", "-o", "x.md"}, code: 1,
			want: []string{"alias-paragraphs.yaml:9:11596: 别名“*big”展开后，文件的内容超过 4 MiB 的上限"}},
		// 2. strings built without a limit; 3. loops without a limit
		{name: "reduce doubling", setup: copyUntrusted("expr-reduce.yaml"), args: []string{"lint", "expr-reduce.yaml"}, code: 1,
			want: []string{"expr-reduce.yaml:8:39: 超出计算上限（生成的文字超过 64 KiB）：" + tplNote}},
		{name: "reduce in a slot", setup: copyUntrusted("expr-reduce-slot.yaml"), args: []string{"render", "-t", "expr-reduce-slot.yaml"}, code: 1,
			want: []string{"expr-reduce-slot.yaml:9:15: 超出计算上限"}},
		{name: "reduce in when", setup: copyUntrusted("expr-reduce-when.yaml"), args: []string{"lint", "expr-reduce-when.yaml"}, code: 1,
			want: []string{"expr-reduce-when.yaml:7:12: 超出计算上限"}},
		{name: "nine nested replace", setup: copyUntrusted("expr-replace-nested.yaml"), args: []string{"lint", "expr-replace-nested.yaml"}, code: 1,
			want: []string{"expr-replace-nested.yaml:8:39: 超出计算上限（生成的文字超过 64 KiB）"}},
		{name: "replace with a 200 KB answer", setup: both(copyUntrusted("expr-replace-answer.yaml"),
			answersWith("a.yaml", "expr-replace-answer", "文", strings.Repeat("文", 200<<10/3+1))),
			args: []string{"render", "-t", "expr-replace-answer.yaml", "-a", "a.yaml", "--strict"}, code: 1,
			want: []string{"文：文字过长（200 KiB，上限 64 KiB）", "缺少 1 项数据（--strict）"}},
		{name: "replace with a 60 KB answer", setup: both(copyUntrusted("expr-replace-answer.yaml"),
			answersWith("a.yaml", "expr-replace-answer", "文", strings.Repeat("文", 60<<10/3))),
			args: []string{"render", "-t", "expr-replace-answer.yaml", "-a", "a.yaml", "--strict"}, code: 1,
			want: []string{"r：超出计算上限（生成的文字超过 64 KiB）"}},
		{name: "2000-item default, three nested counts", setup: copyUntrusted("expr-nested-count.yaml"), args: []string{"lint", "expr-nested-count.yaml"}, code: 1,
			want: []string{"expr-nested-count.yaml:8:39: 默认值不合适：列表过长（2000 项，上限 1000 项）"}},
		{name: "two nested counts over 20000 items", setup: both(copyUntrusted("expr-nested-count-answer.yaml"),
			answersWith("a.yaml", "expr-nested-count-answer", "列表", yamlList(20000))),
			args: []string{"render", "-t", "expr-nested-count-answer.yaml", "-a", "a.yaml", "--strict"}, code: 1,
			want: []string{"列表：列表过长（20000 项，上限 1000 项）"}},
		{name: "two nested counts over 1000 items", setup: both(copyUntrusted("expr-nested-count-answer.yaml"),
			answersWith("a.yaml", "expr-nested-count-answer", "列表", yamlList(1000))),
			args: []string{"render", "-t", "expr-nested-count-answer.yaml", "-a", "a.yaml", "--strict"}, code: 1,
			want: []string{"r：超出计算上限（运算超过 1000000 步）", "提示: 超出计算上限（运算超过 1000000 步）：有的数字没有算出"}},
		// 7. a figure that cannot be computed
		{name: "computed figures that fail", setup: copyUntrusted("compute-fail.yaml", "compute-fail.answers.yaml"),
			args: []string{"render", "-t", "compute-fail.yaml", "-a", "compute-fail.answers.yaml", "--strict", "-o", "x.md"}, code: 1,
			want:  []string{"整改率：除数为零", "大数：超出范围", "幂：超出范围", "二次：除数为零", "发现隐患 / 整改隐患：除数为零", "缺少 5 项数据（--strict）"},
			never: []string{"已生成", "-9223372036854775808"}},
		// 4. paths that are not regular files
		{name: "previous: /dev/zero", setup: answersWith("a.yaml", "township-annual", "单位", "甲镇\nprevious: /dev/zero"),
			args: []string{"render", "-t", "township-annual", "-a", "a.yaml"}, code: 1,
			want: []string{"a.yaml:4:11: previous 指向 /dev/zero，没有打开：这里只能写 .yaml 或 .yml 文件"}},
		{name: "--previous /dev/zero", args: []string{"render", "-t", "township-annual", "--previous", "/dev/zero"}, code: 1,
			want: []string{"答案文件 /dev/zero 不是普通文件，而是设备"}},
		{name: "previous: a FIFO", setup: both(fifo("p.yaml"), answersWith("a.yaml", "township-annual", "单位", "甲镇\nprevious: p.yaml")),
			args: []string{"render", "-t", "township-annual", "-a", "a.yaml"}, code: 1,
			want: []string{"不是普通文件，而是命名管道（FIFO）"}},
		{name: "docx_template: a FIFO", setup: both(fifo("红头.docx"), answersWith("a.yaml", "township-annual", "单位", "甲镇\ndocx_template: 红头.docx")),
			args: []string{"render", "-t", "township-annual", "-a", "a.yaml", "-o", "x.docx"}, code: 1,
			want: []string{"Word 模板 红头.docx 不是普通文件，而是命名管道（FIFO）"}},
		{name: "-a a FIFO", setup: fifo("a.yaml"), args: []string{"render", "-t", "township-annual", "-a", "a.yaml"}, code: 1,
			want: []string{"答案文件 a.yaml 不是普通文件"}},
		{name: "-t a FIFO", setup: fifo("t.yaml"), args: []string{"render", "-t", "t.yaml"}, code: 1,
			want: []string{"模板 t.yaml 不是普通文件"}},
		{name: "--docx-template a FIFO", setup: fifo("l.docx"), args: []string{"render", "-t", "township-annual", "--docx-template", "l.docx", "-o", "x.docx"}, code: 1,
			want: []string{"Word 模板 l.docx 不是普通文件"}},
		{name: "lint a FIFO", setup: fifo("t.yaml"), args: []string{"lint", "t.yaml"}, code: 1,
			want: []string{"t.yaml 不是普通文件"}},
		{name: "import a FIFO", setup: fifo("r.txt"), args: []string{"import", "r.txt"}, code: 1,
			want: []string{"报告 r.txt 不是普通文件"}},
		{name: "a FIFO in ./templates", setup: func(t *testing.T, dir string) {
			os.Mkdir(filepath.Join(dir, "templates"), 0o755)
			fifo("x.yaml")(t, filepath.Join(dir, "templates"))
		}, args: []string{"templates"}, code: 0, want: []string{"模板 templates/x.yaml 不是普通文件"}},
		{name: "previous: /etc/passwd", setup: answersWith("a.yaml", "township-annual", "单位", "甲镇\nprevious: /etc/passwd"),
			args: []string{"render", "-t", "township-annual", "-a", "a.yaml"}, code: 1,
			want: []string{": previous 指向 /etc/passwd，没有打开"}, never: []string{"root"}},
		// 6. render overwriting its own inputs, or any file, or a read-only one
		{name: "-o the answers file", setup: answersWith("a.yaml", "township-annual", "单位", "甲镇"),
			args: []string{"render", "-t", "township-annual", "-a", "a.yaml", "-o", "a.yaml", "--format", "md", "--force"}, code: 1,
			want: []string{"不能写到 a.yaml：它就是这次要读的答案文件 a.yaml"}, same: []string{"a.yaml"}},
		{name: "-o another name of the answers file", setup: both(answersWith("a.yaml", "township-annual", "单位", "甲镇"), link("a.yaml", "稿子.md")),
			args: []string{"render", "-t", "township-annual", "-a", "a.yaml", "-o", "稿子.md", "--force"}, code: 1,
			want: []string{"它就是这次要读的答案文件 a.yaml"}, same: []string{"a.yaml"}},
		{name: "-o the template", setup: copyUntrusted("compute-fail.yaml"),
			args: []string{"render", "-t", "compute-fail.yaml", "-o", "compute-fail.yaml", "--format", "md"}, code: 1,
			want: []string{"它就是这次要读的模板 compute-fail.yaml"}, same: []string{"compute-fail.yaml"}},
		{name: "-o the --previous file", setup: answersWith("p.yaml", "township-annual", "单位", "甲镇"),
			args: []string{"render", "-t", "township-annual", "--previous", "p.yaml", "-o", "p.yaml", "--format", "md"}, code: 1,
			want: []string{"它就是这次要读的上年答案 p.yaml"}, same: []string{"p.yaml"}},
		{name: "-o the --docx-template", setup: copyFile("testdata/docx/letterhead.docx", "红头.docx"),
			args: []string{"render", "-t", "township-annual", "--docx-template", "红头.docx", "-o", "红头.docx"}, code: 1,
			want: []string{"它就是这次要读的Word 模板 红头.docx"}, same: []string{"红头.docx"}},
		{name: "-o the answers' docx_template", setup: both(copyFile("testdata/docx/letterhead.docx", "红头.docx"), answersWith("a.yaml", "township-annual", "单位", "甲镇\ndocx_template: 红头.docx")),
			args: []string{"render", "-t", "township-annual", "-a", "a.yaml", "-o", "红头.docx", "--force"}, code: 1,
			want: []string{"它就是这次要读的Word 模板 红头.docx"}, same: []string{"红头.docx"}},
		{name: "an existing file", setup: file("稿子.md", "科长改过的稿子\n"),
			args: []string{"render", "-t", "township-annual", "-o", "稿子.md"}, code: 1,
			want: []string{"稿子.md 已存在，没有覆盖", "--force"}, same: []string{"稿子.md"}},
		{name: "an existing file with --force", setup: file("稿子.md", "科长改过的稿子\n"),
			args: []string{"render", "-t", "township-annual", "-o", "稿子.md", "--force"}, code: 0, want: []string{"已生成 稿子.md"}},
		{name: "a read-only file", setup: both(file("稿子.md", "定稿\n"), readOnly("稿子.md")),
			args: []string{"render", "-t", "township-annual", "-o", "稿子.md", "--force"}, code: 1,
			want: []string{"文件 稿子.md 是只读的，没有覆盖"}, same: []string{"稿子.md"}},
		// 8, 9. import: both files or neither, limits that agree, what is wrong said
		{name: "import whose answers cannot be written", setup: copyFile("testdata/import/plain-utf8.txt", "r.txt"),
			args: []string{"import", "r.txt", "-o", "t.yaml", "-a", "无此文件夹/a.yaml"}, code: 1,
			want: []string{"无此文件夹 不存在"}, absent: []string{"t.yaml"}},
		{name: "import over its own report", setup: copyFile("testdata/import/township.md", "r.md"),
			args: []string{"import", "r.md", "-o", "r.md", "--force"}, code: 1,
			want: []string{"它就是这次要读的报告 r.md"}, same: []string{"r.md"}},
		{name: "import a long text", setup: file("r.txt", strings.Repeat("今年以来，全镇各项工作有序推进，完成财政收入1200万元。\n", 20000)),
			args: []string{"import", "r.txt"}, code: 1,
			want: []string{"报告的文字太长"}, never: []string{"请报告这个问题"}, absent: []string{"r.yaml", "r.answers.yaml"}},
		{name: "import a docx of three million nested paragraphs", setup: docxWith("r.docx", strings.Repeat("<w:p>", 3_000_000)),
			args: []string{"import", "r.docx"}, code: 1,
			want: []string{".docx 的正文过大"}, absent: []string{"r.yaml"}},
		{name: "import a docx of a million nested paragraphs", setup: docxWith("r.docx", strings.Repeat("<w:p>", 1_000_000)),
			args: []string{"import", "r.docx"}, code: 1,
			want: []string{"元素嵌套超过 256 层"}, absent: []string{"r.yaml"}},
		{name: "import an encrypted docx", setup: file("r.docx", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e\x00"),
			args: []string{"import", "r.docx"}, code: 1, want: []string{"设了打开密码（受密码保护）"}},
		{name: "--previous a text file", setup: file("notes.txt", "root:x:0:0:root:/root:/bin/bash\n"),
			args: []string{"render", "-t", "township-annual", "--previous", "notes.txt"}, code: 1,
			want: []string{"不是 nigao 的答案文件"}, never: []string{"root"}},
	}
}

// render replaces, without --force, only the unchanged draft it last wrote
// from the same answers file.
func TestRenderReplacesItsOwnDraft(t *testing.T) {
	atRoot(t)
	home := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", filepath.Join(home, "cache"))
	dir := t.TempDir()
	a, b, out := filepath.Join(dir, "a.yaml"), filepath.Join(dir, "b.yaml"), filepath.Join(dir, "稿子.docx")
	for _, p := range []string{a, b} {
		os.WriteFile(p, []byte("template: township-annual\nvalues:\n  单位: 甲镇\n"), 0o644)
	}
	render := func(answers string, more ...string) (string, int) {
		_, stderr, code := nigao(t, append([]string{"render", "-q", "-t", "township-annual", "-a", answers, "-o", out}, more...)...)
		return stderr, code
	}
	if e, code := render(a); code != 0 {
		t.Fatalf("first render: %d %s", code, e)
	}
	os.WriteFile(a, []byte("template: township-annual\nvalues:\n  单位: 乙镇\n"), 0o644)
	if e, code := render(a); code != 0 {
		t.Fatalf("the same answers again: %d %s", code, e)
	}
	if e, code := render(b); code != 1 || !strings.Contains(e, "已存在，没有覆盖") {
		t.Errorf("other answers: %d %s", code, e)
	}
	// edited in Word since: a change of time (and size) it was not left with
	later := time.Now().Add(time.Minute)
	os.Chtimes(out, later, later)
	if e, code := render(a); code != 1 || !strings.Contains(e, "已存在，没有覆盖") {
		t.Errorf("an edited draft: %d %s", code, e)
	}
	if e, code := render(a, "--force"); code != 0 {
		t.Errorf("--force: %d %s", code, e)
	}
	if e, code := render(a); code != 0 {
		t.Errorf("after --force, the draft is render's again: %d %s", code, e)
	}
}
