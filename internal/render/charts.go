package render

import (
	"html/template"
	"strings"

	"github.com/tadafor/tadafor/internal/chart"
	"github.com/tadafor/tadafor/internal/indicators"
	"github.com/tadafor/tadafor/internal/site"
)

// Row is one line of a chart's data table: a label and its formatted
// value. Every chart is followed by the table of its data.
type Row struct {
	Label string
	Value string
}

// Chart is an inline SVG chart with the data it draws, for a <figure>
// that shows both.
type Chart struct {
	SVG  template.HTML
	Rows []Row
}

// options are the options of a chart of rows: its description reads
// each row as "label: value", in the language's words.
func (v *View) options(id, titleKey string, rows []Row) chart.Options {
	title, _ := v.T(titleKey)
	empty, _ := v.T("chart_empty")
	sep, err := v.T("entry_separator")
	if err != nil {
		sep = ";"
	}
	items := make([]string, len(rows))
	for i, r := range rows {
		items[i] = v.Label(r.Label) + " " + r.Value
	}
	return chart.Options{Title: title, Desc: strings.Join(items, sep+" "), Dir: v.Lang.Dir, Lang: v.Lang.Code, ID: id, Empty: empty}
}

// hbar draws labelled counts as horizontal bars.
func (v *View) hbar(id, titleKey string, rows []struct {
	key string
	n   int
}) Chart {
	var c Chart
	var bars []chart.Bar
	for _, r := range rows {
		label, _ := v.T(r.key)
		bars = append(bars, chart.Bar{Label: label, Value: r.n, Display: v.Num(r.n)})
		c.Rows = append(c.Rows, Row{label, v.Num(r.n)})
	}
	c.SVG = chart.HBar(bars, v.options(id, titleKey, c.Rows))
	return c
}

// share draws the share of women and men.
func (v *View) share(id, titleKey string, s indicators.Share) Chart {
	pct := chart.Percents(s.Women, s.Men)
	women, _ := v.T("gender_women")
	men, _ := v.T("gender_men")
	wv := v.Num(s.Women) + " (" + v.percentOf(pct[0]) + ")"
	mv := v.Num(s.Men) + " (" + v.percentOf(pct[1]) + ")"
	rows := []Row{{women, wv}, {men, mv}}
	return Chart{
		SVG:  chart.Share([2]chart.Part{{Label: women, Value: s.Women, Display: wv}, {Label: men, Value: s.Men, Display: mv}}, v.options(id, titleKey, rows)),
		Rows: rows,
	}
}

func (v *View) percentOf(n int) string {
	s, _ := v.T("percent", "n", n)
	return s
}

// MembersChart is the share of women among members (of a body).
func (v *View) MembersChart(members []site.Member, id string) Chart {
	var s indicators.Share
	for _, m := range members {
		switch m.Gender {
		case site.Woman:
			s.Women++
		case site.Man:
			s.Men++
		}
	}
	return v.share(id, "chart_members_share", s)
}

// CouncilChart is the share of women among the councillors.
func (v *View) CouncilChart(id string) Chart {
	return v.share(id, "chart_council_share", v.Indicators.Council)
}

// PetitionsChart counts the commune's petitions by outcome.
func (v *View) PetitionsChart(id string) Chart {
	p := v.Indicators.Petitions
	return v.petitionsChart(id, p)
}

func (v *View) petitionsChart(id string, p indicators.Petitions) Chart {
	return v.hbar(id, "chart_petitions", []struct {
		key string
		n   int
	}{
		{"ind_petitions_filed", p.Filed}, {"ind_petitions_accepted", p.Accepted}, {"ind_petitions_rejected", p.Rejected},
		{"ind_petitions_deliberated", p.Deliberated}, {"ind_petitions_pending", p.Pending}, {"ind_petitions_in_time", p.AnsweredInTime},
	})
}

// ProjectsChart counts the participatory budget's projects by status.
func (v *View) ProjectsChart(id string) Chart {
	return v.projectsChart(id, v.Indicators.Projects)
}

func (v *View) projectsChart(id string, p indicators.Projects) Chart {
	return v.hbar(id, "chart_projects", []struct {
		key string
		n   int
	}{
		{"project_status_proposed", p.Proposed}, {"project_status_unfeasible", p.Unfeasible}, {"project_status_feasible", p.Feasible},
		{"project_status_selected", p.Selected}, {"project_status_in_progress", p.InProgress}, {"project_status_completed", p.Completed},
	})
}

// SessionsChart counts the council sessions held, by year.
func (v *View) SessionsChart(id string) Chart {
	var c Chart
	var bars []chart.Bar
	for _, y := range v.Indicators.Sessions {
		label, _ := v.T("ind_sessions_year", "year", site.Year(y.Year))
		bars = append(bars, chart.Bar{Label: label, Value: y.Total, Display: v.Num(y.Total)})
		c.Rows = append(c.Rows, Row{label, v.Num(y.Total)})
	}
	c.SVG = chart.HBar(bars, v.options(id, "chart_sessions", c.Rows))
	return c
}
