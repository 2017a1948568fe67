package scaffold_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/scorecard-dev/scorecard/internal/cli"
	"github.com/scorecard-dev/scorecard/internal/scaffold"
)

// workflow is the part of a GitHub Actions workflow the tests read.
type workflow struct {
	Name        string               `yaml:"name"`
	On          map[string]yaml.Node `yaml:"on"` // pull_request: with no value is null, yet there
	Permissions map[string]string    `yaml:"permissions"`
	Env         map[string]string    `yaml:"env"`
	Jobs        map[string]job       `yaml:"jobs"`
}

type job struct {
	RunsOn      string            `yaml:"runs-on"`
	If          string            `yaml:"if"`
	Needs       string            `yaml:"needs"`
	Permissions map[string]string `yaml:"permissions"`
	Environment struct {
		Name string `yaml:"name"`
		URL  string `yaml:"url"`
	} `yaml:"environment"`
	Concurrency struct {
		Group            string `yaml:"group"`
		CancelInProgress *bool  `yaml:"cancel-in-progress"`
	} `yaml:"concurrency"`
	Steps []step `yaml:"steps"`
}

type step struct {
	Name string            `yaml:"name"`
	ID   string            `yaml:"id"`
	Uses string            `yaml:"uses"`
	Run  string            `yaml:"run"`
	With map[string]string `yaml:"with"`
	Env  map[string]string `yaml:"env"`
}

// action returns the action a step uses, without its pin.
func (s step) action() string { a, _, _ := strings.Cut(s.Uses, "@"); return a }

func readWorkflow(t *testing.T, version string) ([]byte, workflow) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	if _, err := scaffold.Write(dir, version); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(scaffold.WorkflowFile)))
	if err != nil {
		t.Fatal(err)
	}
	var w workflow
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true) // a misspelt key would be ignored by GitHub too
	if err := dec.Decode(&w); err != nil {
		t.Fatalf("the workflow is not the YAML expected: %v", err)
	}
	return data, w
}

func TestWorkflowTriggersAndPermissions(t *testing.T) {
	_, w := readWorkflow(t, "")
	var keys []string
	for k := range w.On {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if !slices.Equal(keys, []string{"pull_request", "push", "schedule", "workflow_dispatch"}) {
		t.Errorf("triggers %v", keys)
	}
	var push struct{ Branches []string }
	var schedule []struct{ Cron string }
	on := w.On["push"]
	if err := on.Decode(&push); err != nil || !slices.Equal(push.Branches, []string{"main"}) {
		t.Errorf("push: %+v, %v", push, err)
	}
	// Monthly: a minute and an hour on the 1st of every month, any weekday.
	on = w.On["schedule"]
	if err := on.Decode(&schedule); err != nil || len(schedule) != 1 || !regexp.MustCompile(`^\d+ \d+ 1 \* \*$`).MatchString(schedule[0].Cron) {
		t.Errorf("schedule %+v is not monthly (%v)", schedule, err)
	}
	if len(w.Permissions) != 1 || w.Permissions["contents"] != "read" {
		t.Errorf("workflow permissions %v, want contents: read only", w.Permissions)
	}
	if w.Env["SCORECARD_VERSION"] != "latest" {
		t.Errorf("SCORECARD_VERSION %q", w.Env["SCORECARD_VERSION"])
	}
	var names []string
	for name := range w.Jobs {
		names = append(names, name)
	}
	slices.Sort(names)
	if !slices.Equal(names, []string{"build", "check", "deploy"}) {
		t.Fatalf("jobs %v", names)
	}
	check, build, deploy := w.Jobs["check"], w.Jobs["build"], w.Jobs["deploy"]
	for name, j := range w.Jobs {
		if j.RunsOn != "ubuntu-latest" {
			t.Errorf("%s runs on %q", name, j.RunsOn)
		}
	}
	if check.If != "github.event_name == 'pull_request'" || build.If != "github.event_name != 'pull_request'" || deploy.Needs != "build" {
		t.Errorf("a pull request must run check only, anything else build and deploy: check if %q, build if %q, deploy needs %q", check.If, build.If, deploy.Needs)
	}
	if check.Permissions != nil || build.Permissions != nil {
		t.Errorf("check and build need no more than to read: %v, %v", check.Permissions, build.Permissions)
	}
	if len(deploy.Permissions) != 2 || deploy.Permissions["pages"] != "write" || deploy.Permissions["id-token"] != "write" {
		t.Errorf("deploy permissions %v, want pages: write and id-token: write only", deploy.Permissions)
	}
	if deploy.Environment.Name != "github-pages" || deploy.Environment.URL != "${{ steps.deployment.outputs.page_url }}" {
		t.Errorf("deploy environment %+v", deploy.Environment)
	}
	if deploy.Concurrency.Group != "pages" || deploy.Concurrency.CancelInProgress == nil || *deploy.Concurrency.CancelInProgress {
		t.Errorf("deploy concurrency %+v: one deployment at a time, none cancelled", deploy.Concurrency)
	}
}

func TestWorkflowSteps(t *testing.T) {
	_, w := readWorkflow(t, "")
	module := modulePath(t)
	install := `go install "` + module + `/cmd/scorecard@$SCORECARD_VERSION"`
	for _, tc := range []struct {
		job  string
		want []string // each step's action or command
	}{
		{"check", []string{"actions/checkout", "actions/setup-go", install, "scorecard check --strict --format github"}},
		{"build", []string{"actions/checkout", "actions/setup-go", install, "actions/configure-pages",
			`scorecard build --strict --format github --base-url "$BASE_URL"`, "actions/upload-pages-artifact"}},
		{"deploy", []string{"actions/deploy-pages"}},
	} {
		var got []string
		for _, s := range w.Jobs[tc.job].Steps {
			got = append(got, s.action()+strings.TrimSpace(s.Run))
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s steps:\n%q\nwant\n%q", tc.job, got, tc.want)
		}
		for _, s := range w.Jobs[tc.job].Steps {
			switch s.action() {
			case "actions/checkout":
				if s.With["persist-credentials"] != "false" {
					t.Errorf("%s: checkout keeps the token in .git/config", tc.job)
				}
			case "actions/setup-go":
				if s.With["go-version"] == "" {
					t.Errorf("%s: setup-go without go-version", tc.job)
				}
			}
			// Expressions are passed through env, never pasted into a script.
			if strings.Contains(s.Run, "${{") {
				t.Errorf("%s: an expression inside run: %s", tc.job, s.Run)
			}
		}
	}
	build := w.Jobs["build"].Steps
	if build[3].ID != "pages" || build[4].Env["BASE_URL"] != "${{ steps.pages.outputs.base_url }}" || build[5].With["path"] != "public" {
		t.Errorf("build publishes public/ with the Pages URL as base URL: %+v", build[3:])
	}
	if w.Jobs["deploy"].Steps[0].ID != "deployment" {
		t.Errorf("the environment's URL reads the step with id deployment")
	}
}

// TestWorkflowPinsActions requires every action pinned to a full commit,
// with its release in a comment beside it, and the same pin wherever an
// action is used.
func TestWorkflowPinsActions(t *testing.T) {
	data, _ := readWorkflow(t, "")
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	pins := map[string]string{}
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if n.Kind == yaml.MappingNode && k.Value == "uses" {
				m := regexp.MustCompile(`^(actions/[a-z-]+)@([0-9a-f]{40})$`).FindStringSubmatch(v.Value)
				if m == nil || !regexp.MustCompile(`^# v\d+\.\d+\.\d+$`).MatchString(v.LineComment) {
					t.Errorf("line %d: %s %s is not an action of GitHub's pinned to a commit with its release as a comment", v.Line, v.Value, v.LineComment)
					continue
				}
				pin := m[2] + " " + v.LineComment
				if prev, ok := pins[m[1]]; ok && prev != pin {
					t.Errorf("%s is pinned to %s and to %s", m[1], prev, pin)
				}
				pins[m[1]] = pin
			}
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(&doc)
	if len(pins) != 5 {
		t.Errorf("%d actions pinned, want 5: %v", len(pins), pins)
	}
}

// A site made by a release is built by that release until someone changes it.
func TestWorkflowInstallsTheReleaseThatWroteIt(t *testing.T) {
	_, w := readWorkflow(t, "v1.4.2")
	if w.Env["SCORECARD_VERSION"] != "v1.4.2" {
		t.Errorf("SCORECARD_VERSION %q, want v1.4.2", w.Env["SCORECARD_VERSION"])
	}
}

// TestWorkflowCommandsRun runs the workflow's scorecard commands on the
// starter site, as the runner would in the repository's root: they must be
// real commands with real flags, and pass.
func TestWorkflowCommandsRun(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if _, err := scaffold.Write(dir, ""); err != nil {
		t.Fatal(err)
	}
	_, w := readWorkflow(t, "")
	t.Chdir(dir)
	for _, name := range []string{"check", "build"} {
		for _, s := range w.Jobs[name].Steps {
			if !strings.HasPrefix(s.Run, "scorecard ") {
				continue
			}
			line := strings.ReplaceAll(strings.TrimSpace(s.Run), `"$BASE_URL"`, "https://example.github.io/site")
			var stdout, stderr bytes.Buffer
			if code := cli.Run(context.Background(), strings.Fields(line)[1:], &stdout, &stderr); code != 0 || stderr.Len() > 0 {
				t.Errorf("%s: exit %d\n%s%s", line, code, stdout.String(), stderr.String())
			}
		}
	}
	if _, err := os.Stat(filepath.Join("public", "index.html")); err != nil {
		t.Errorf("build wrote no public/: %v", err)
	}
}

func modulePath(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("../../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^module (\S+)$`).FindSubmatch(data)
	if m == nil {
		t.Fatal("no module line in go.mod")
	}
	return string(m[1])
}
