package collect

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/nigao/nigao/schema"
	"github.com/nigao/nigao/templates"
)

var day = time.Date(2022, 7, 1, 0, 0, 0, 0, time.UTC)

// builtin loads a built-in template and its example answers.
func builtin(t testing.TB, id string) (*schema.Template, *schema.Answers) {
	t.Helper()
	set, err := templates.Open([]string{})
	if err != nil {
		t.Fatal(err)
	}
	tpl, err := set.Load(id)
	if err != nil {
		t.Fatal(err)
	}
	a, err := schema.LoadAnswersFile(filepath.Join("..", "testdata", "answers", id+".yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return tpl, a
}

var builtinIDs = []string{"township-halfyear", "township-annual", "township-report", "dept-annual"}

// writeSheets writes every sheet of a template into a new folder.
func writeSheets(t testing.TB, tpl *schema.Template, opt Options) []string {
	t.Helper()
	if opt.Today.IsZero() {
		opt.Today = day
	}
	paths, err := WriteDir(filepath.Join(t.TempDir(), "表"), tpl, nil, false, opt)
	if err != nil {
		t.Fatal(err)
	}
	return paths
}

// sheetWith returns the written sheet that asks for a field.
func sheetWith(t testing.TB, paths []string, id string) string {
	t.Helper()
	for _, p := range paths {
		for _, e := range mustRead(t, p).Expected {
			if e.ID == id {
				return p
			}
		}
	}
	t.Fatalf("no sheet asks for %s: %v", id, paths)
	return ""
}

func mustRead(t testing.TB, p string) *Returned {
	t.Helper()
	r, err := Read(p)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// need skips a test for want of a tool outside CI, and fails it in CI
// (NIGAO_REQUIRE_SHARED=1), so the test cannot pass by not running.
func need(t *testing.T, missing string) {
	t.Helper()
	if missing == "" {
		return
	}
	if os.Getenv("NIGAO_REQUIRE_SHARED") != "" {
		t.Fatal(missing)
	}
	t.Skip("skipped: " + missing)
}

const python = "/usr/bin/python3" // Debian's: the one on PATH may be another

// needOpenpyxl skips without Debian's python3-openpyxl.
func needOpenpyxl(t *testing.T) {
	t.Helper()
	if err := exec.Command(python, "-c", "import openpyxl").Run(); err != nil {
		need(t, "python3-openpyxl not installed ("+python+" -c 'import openpyxl': "+err.Error()+")")
	}
}

// A fill is what another program writes into a cell of the figures
// sheet: text, a number, a percentage (stored as a fraction, shown with
// %) or a date (a serial number shown as a date).
type fill struct {
	Ref   string `json:"ref"`
	Kind  string `json:"kind"` // text, number, percent, date
	Value string `json:"value"`
}

// openpyxlFill is the other program: it fills cells of 数据 as
// openpyxl does, and with reverse set, turns the rows upside down, as a
// clerk sorting the sheet would.
const openpyxlFill = `
import datetime, json, sys, openpyxl
spec = json.load(open(sys.argv[1], encoding="utf-8"))
for path, job in spec.items():
    wb = openpyxl.load_workbook(path)
    ws = wb["数据"]
    for c in job.get("cells") or []:
        ref, kind, v = c["ref"], c["kind"], c["value"]
        if kind == "text":
            ws[ref] = v
        elif kind == "number":
            ws[ref] = float(v) if "." in v else int(v)
        elif kind == "percent":
            ws[ref] = float(v) / 100
            ws[ref].number_format = "0.0%"
        elif kind == "date":
            ws[ref] = datetime.datetime.strptime(v, "%Y-%m-%d")
            ws[ref].number_format = "yyyy/m/d"
    if job.get("reverse"):
        # as sorting does: values with their number formats
        rows = [[(c.value, c.number_format) for c in r] for r in ws.iter_rows(min_row=2)]
        for i, r in enumerate(reversed(rows)):
            for j, (v, fmt) in enumerate(r):
                c = ws.cell(row=i + 2, column=j + 1)
                c.value, c.number_format = v, fmt  # value=None in cell() would keep the old
    wb.save(path)
`

type fillJob struct {
	Cells   []fill `json:"cells"`
	Reverse bool   `json:"reverse,omitempty"`
}

// runOpenpyxl fills sheets with openpyxl.
func runOpenpyxl(t *testing.T, jobs map[string]fillJob) {
	t.Helper()
	dir := t.TempDir()
	spec, _ := json.Marshal(jobs)
	os.WriteFile(filepath.Join(dir, "spec.json"), spec, 0o644)
	os.WriteFile(filepath.Join(dir, "fill.py"), []byte(openpyxlFill), 0o644)
	out, err := exec.Command(python, filepath.Join(dir, "fill.py"), filepath.Join(dir, "spec.json")).CombinedOutput()
	if err != nil {
		t.Fatalf("openpyxl: %v\n%s", err, out)
	}
}

// resave saves sheets again through LibreOffice Calc, as a clerk with
// LibreOffice returns them; the copies are in a new folder.
func resave(t *testing.T, paths ...string) []string {
	t.Helper()
	if _, err := exec.LookPath("soffice"); err != nil {
		need(t, "soffice (libreoffice-calc-nogui) not installed")
	}
	dir := t.TempDir()
	cmd := exec.Command("soffice", append([]string{"--headless", "--convert-to", "xlsx", "--outdir", dir}, paths...)...)
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir()) // a profile of its own
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	var out []string
	for _, p := range paths {
		out = append(out, filepath.Join(dir, filepath.Base(p)))
		if _, err := os.Stat(out[len(out)-1]); err != nil {
			t.Fatalf("soffice wrote no %s", out[len(out)-1])
		}
	}
	return out
}

// rewrite copies a .xlsx with some parts changed (nil drops a part).
func rewrite(t testing.TB, p string, parts map[string]func([]byte) []byte) []byte {
	t.Helper()
	zr, err := zip.OpenReader(p)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(rc)
		rc.Close()
		if fn, ok := parts[f.Name]; ok {
			if fn == nil {
				continue
			}
			data = fn(data)
		}
		w, _ := zw.Create(f.Name)
		w.Write(data)
	}
	zw.Close()
	return buf.Bytes()
}

// part returns one part of a .xlsx.
func part(t testing.TB, p, name string) string {
	t.Helper()
	zr, err := zip.OpenReader(p)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name == name {
			rc, _ := f.Open()
			data, _ := io.ReadAll(rc)
			rc.Close()
			return string(data)
		}
	}
	t.Fatalf("%s has no %s", p, name)
	return ""
}
