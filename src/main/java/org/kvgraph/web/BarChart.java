package org.kvgraph.web;

import static org.kvgraph.web.Html.esc;

import java.util.List;
import java.util.Locale;

/**
 * A horizontal bar chart as inline SVG, rendered on the server: readable without JavaScript, with axes, tick
 * labels, each bar's label and value as text, and {@code <title>}/{@code <desc>} for screen readers. Bars may
 * come in groups under a heading (one per year, say), and may carry a second, lighter bar behind the first (a
 * 90th percentile behind a median). Every piece of text goes through {@link Html#esc}, so the SVG is also
 * well-formed XML. Each bar is a {@code <g class="bar" data-label="…" data-value="…">}, for tests and scripts.
 */
final class BarChart {
    /** One bar: its label, its value (and an optional second value drawn lighter behind it), the text shown. */
    record Bar(String label, double value, Double secondary, String valueText) {
    }

    /** Bars under a heading; a null heading draws none. */
    record Group(String heading, List<Bar> bars) {
    }

    static final int WIDTH = 1000;
    private static final int ROW = 24;
    private static final int BAR = 16;
    private static final int TOP = 8;
    private static final int LEGEND = 24;
    private static final int AXIS = 44;
    private static final int LINE = 15;
    private static final int MAX_LABEL = 380;
    private static final double CHAR = 7.8;   // a generous average width of a 13px character
    private static final int MAX_CHARS = (int) ((MAX_LABEL - 12) / CHAR);
    static final String PRIMARY = "#154273";
    static final String SECONDARY = "#a9bfdc";
    static final String REFERENCE = "#b3261e";

    private final String id;
    private final String title;
    private final String desc;
    private final List<Group> groups;
    private final String axisLabel;
    private final boolean percent;
    private Double reference;
    private String referenceLabel;
    private String primaryLegend;
    private String secondaryLegend;

    BarChart(String id, String title, String desc, List<Group> groups, String axisLabel, boolean percent) {
        this.id = id;
        this.title = title;
        this.desc = desc;
        this.groups = List.copyOf(groups);
        this.axisLabel = axisLabel;
        this.percent = percent;
    }

    /** A dashed vertical line at a value, labelled (a term of 21 days). */
    BarChart reference(double value, String label) {
        this.reference = value;
        this.referenceLabel = label;
        return this;
    }

    /** A legend for the two kinds of bar. */
    BarChart legend(String primary, String secondary) {
        this.primaryLegend = primary;
        this.secondaryLegend = secondary;
        return this;
    }

    String svg() {
        int bars = 0;
        int rowsHeight = 0;
        int longest = 0;
        double max = 0;
        for (Group g : groups) {
            if (g.heading() != null) {
                rowsHeight += ROW;
            }
            for (Bar b : g.bars()) {
                bars++;
                List<String> lines = lines(b.label());
                rowsHeight += ROW + (lines.size() - 1) * LINE;
                for (String l : lines) {
                    longest = Math.max(longest, l.length());
                }
                max = Math.max(max, Math.max(b.value(), b.secondary() == null ? 0 : b.secondary()));
            }
        }
        if (reference != null) {
            max = Math.max(max, reference);
        }
        double axisMax = percent ? 100 : niceMax(max);
        double step = percent ? 20 : niceStep(axisMax);
        int labelWidth = (int) Math.min(MAX_LABEL, Math.max(60, longest * CHAR + 12));
        int x0 = labelWidth + 8;
        int plot = WIDTH - x0 - 210;
        int legend = primaryLegend != null || reference != null ? LEGEND : 0;
        int y0 = TOP + legend;
        int height = y0 + Math.max(rowsHeight, ROW) + AXIS;
        int plotBottom = height - AXIS + 4;

        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"chart-").append(esc(id))
                .append("\" role=\"img\" aria-labelledby=\"").append(esc(id)).append("-title ").append(esc(id))
                .append("-desc\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height).append("\" width=\"")
                .append(WIDTH).append("\" height=\"").append(height)
                .append("\" font-family=\"system-ui, sans-serif\" font-size=\"13\" fill=\"#1b1b1b\">\n");
        s.append("<title id=\"").append(esc(id)).append("-title\">").append(esc(title)).append("</title>\n");
        s.append("<desc id=\"").append(esc(id)).append("-desc\">").append(esc(desc)).append("</desc>\n");
        if (primaryLegend != null) {
            s.append("<g class=\"legend\"><rect x=\"").append(x0).append("\" y=\"").append(TOP + 2)
                    .append("\" width=\"12\" height=\"12\" fill=\"").append(PRIMARY).append("\"/><text x=\"")
                    .append(x0 + 18).append("\" y=\"").append(TOP + 13).append("\">").append(esc(primaryLegend))
                    .append("</text>");
            int x = x0 + 30 + (int) (primaryLegend.length() * CHAR);
            if (secondaryLegend != null) {
                s.append("<rect x=\"").append(x).append("\" y=\"").append(TOP + 2)
                        .append("\" width=\"12\" height=\"12\" fill=\"").append(SECONDARY).append("\"/><text x=\"")
                        .append(x + 18).append("\" y=\"").append(TOP + 13).append("\">").append(esc(secondaryLegend))
                        .append("</text>");
                x += 30 + (int) (secondaryLegend.length() * CHAR);
            }
            if (reference != null && referenceLabel != null) {
                s.append("<line x1=\"").append(x + 6).append("\" x2=\"").append(x + 6).append("\" y1=\"").append(TOP)
                        .append("\" y2=\"").append(TOP + 16).append("\" stroke=\"").append(REFERENCE)
                        .append("\" stroke-width=\"1.5\" stroke-dasharray=\"5 4\"/><text x=\"").append(x + 14)
                        .append("\" y=\"").append(TOP + 13).append("\">").append(esc(referenceLabel)).append("</text>");
            }
            s.append("</g>\n");
        }
        // grid lines and tick labels
        s.append("<g class=\"axis\" font-size=\"12\" fill=\"#555\">\n");
        for (double t = 0; t <= axisMax + 1e-9; t += step) {
            int x = x(t, axisMax, x0, plot);
            s.append("<line x1=\"").append(x).append("\" x2=\"").append(x).append("\" y1=\"").append(y0 - 4)
                    .append("\" y2=\"").append(plotBottom).append("\" stroke=\"").append(t == 0 ? "#555" : "#e2e2e2")
                    .append("\"/><text class=\"tick\" x=\"").append(x).append("\" y=\"").append(plotBottom + 16)
                    .append("\" text-anchor=\"middle\">").append(number(t)).append(percent ? "%" : "")
                    .append("</text>\n");
        }
        s.append("<text class=\"axis-label\" x=\"").append(x0 + plot / 2).append("\" y=\"").append(plotBottom + 34)
                .append("\" text-anchor=\"middle\">").append(esc(axisLabel)).append("</text>\n</g>\n");
        int y = y0;
        if (bars == 0) {
            s.append("<text class=\"empty\" x=\"").append(x0 + 8).append("\" y=\"").append(y + 16)
                    .append("\">Geen gegevens in deze periode.</text>\n");
        }
        for (Group g : groups) {
            if (g.heading() != null) {
                s.append("<text class=\"group\" x=\"4\" y=\"").append(y + 17).append("\" font-weight=\"bold\">")
                        .append(esc(g.heading())).append("</text>\n");
                y += ROW;
            }
            for (Bar b : g.bars()) {
                List<String> lines = lines(b.label());
                int rowHeight = ROW + (lines.size() - 1) * LINE;
                int top = y + (rowHeight - BAR) / 2;
                s.append("<g class=\"bar\" data-label=\"").append(esc(b.label())).append("\" data-value=\"")
                        .append(number(b.value())).append("\"");
                if (b.secondary() != null) {
                    s.append(" data-secondary=\"").append(number(b.secondary())).append("\"");
                }
                s.append("><title>").append(esc(b.label() + ": " + b.valueText())).append("</title>");
                int end = x(b.value(), axisMax, x0, plot);
                if (b.secondary() != null) {
                    int end2 = x(b.secondary(), axisMax, x0, plot);
                    end = Math.max(end, end2);
                    s.append("<rect class=\"secondary\" x=\"").append(x0).append("\" y=\"").append(top)
                            .append("\" width=\"").append(end2 - x0).append("\" height=\"").append(BAR)
                            .append("\" fill=\"").append(SECONDARY).append("\"/>");
                }
                s.append("<rect class=\"primary\" x=\"").append(x0).append("\" y=\"").append(top + (b.secondary() == null ? 0 : 3))
                        .append("\" width=\"").append(x(b.value(), axisMax, x0, plot) - x0).append("\" height=\"")
                        .append(b.secondary() == null ? BAR : BAR - 6).append("\" fill=\"").append(PRIMARY).append("\"/>");
                s.append("<text class=\"label\" x=\"").append(x0 - 8).append("\" y=\"")
                        .append(top + 12 - (lines.size() - 1) * LINE / 2).append("\" text-anchor=\"end\">");
                if (lines.size() == 1) {
                    s.append(esc(lines.get(0)));
                } else {
                    for (int i = 0; i < lines.size(); i++) {
                        s.append("<tspan x=\"").append(x0 - 8).append("\" dy=\"").append(i == 0 ? 0 : LINE).append("\">")
                                .append(esc(lines.get(i))).append("</tspan>");
                    }
                }
                s.append("</text>");
                s.append("<text class=\"value\" x=\"").append(end + 6).append("\" y=\"").append(top + 12).append("\">")
                        .append(esc(b.valueText())).append("</text></g>\n");
                y += rowHeight;
            }
        }
        if (reference != null) {
            int x = x(reference, axisMax, x0, plot);
            s.append("<g class=\"reference\"><line x1=\"").append(x).append("\" x2=\"").append(x).append("\" y1=\"")
                    .append(y0 - 4).append("\" y2=\"").append(plotBottom).append("\" stroke=\"").append(REFERENCE)
                    .append("\" stroke-width=\"1.5\" stroke-dasharray=\"5 4\"/>");
            if (referenceLabel != null && primaryLegend == null) {
                s.append("<text x=\"").append(x + 4).append("\" y=\"").append(y0 - 6).append("\" fill=\"")
                        .append(REFERENCE).append("\" font-size=\"12\">").append(esc(referenceLabel)).append("</text>");
            }
            s.append("</g>\n");
        }
        s.append("</svg>");
        return s.toString();
    }

    /**
     * A label as the chart shows it: one line, or two broken at a space when it is longer than the label column
     * holds; what does not fit two lines ends in "…" (the bar's {@code <title>} and the table give it whole).
     */
    static List<String> lines(String label) {
        if (label.length() <= MAX_CHARS) {
            return List.of(label);
        }
        int cut = label.lastIndexOf(' ', MAX_CHARS);
        if (cut <= 0) {
            cut = MAX_CHARS;
        }
        String first = label.substring(0, cut).strip();
        String rest = label.substring(cut).strip();
        if (rest.length() > MAX_CHARS) {
            rest = rest.substring(0, MAX_CHARS - 1) + "…";
        }
        return List.of(first, rest);
    }

    private static int x(double v, double max, int x0, int plot) {
        return x0 + (int) Math.round(plot * Math.max(0, Math.min(v, max)) / max);
    }

    /** The smallest 1, 2 or 5 × 10ⁿ at or above the value (at least 1). */
    static double niceMax(double v) {
        if (v <= 1) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * p >= v - 1e-9) {
                return m * p;
            }
        }
        return 10 * p;
    }

    /** A tick step giving four to ten ticks up to a {@link #niceMax}. */
    static double niceStep(double max) {
        double p = Math.pow(10, Math.floor(Math.log10(max)));
        for (double m : new double[] {0.1, 0.2, 0.25, 0.5, 1}) {
            double step = m * p;
            if (max / step <= 10 && step >= 1) {
                return step;
            }
        }
        return p;
    }

    /** A number as the chart shows it: an integer without decimals, else one decimal. */
    static String number(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%.1f", d);
    }
}
