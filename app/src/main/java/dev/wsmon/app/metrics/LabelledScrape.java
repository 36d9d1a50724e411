package dev.wsmon.app.metrics;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.StateSetSnapshot;
import io.prometheus.metrics.model.snapshots.StateSetSnapshot.StateSetDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot.SummaryDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot.UnknownDataPointSnapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * Adds the operator's {@link MetricsLabels} to every data point of a scrape. Done on the scrape rather than on each
 * metric's builder, so that every metric registered anywhere carries them without knowing about them.
 */
final class LabelledScrape {

    private final MetricsLabels labels;

    LabelledScrape(MetricsLabels labels) {
        this.labels = labels;
    }

    MetricSnapshots apply(MetricSnapshots scrape) {
        if (labels.isEmpty()) {
            return scrape;
        }
        List<MetricSnapshot> out = new ArrayList<>(scrape.size());
        for (MetricSnapshot s : scrape) {
            out.add(relabel(s));
        }
        return new MetricSnapshots(out);
    }

    /** The point's labels plus the operator's; a label the metric sets itself wins (names are checked up front). */
    private Labels with(DataPointSnapshot p) {
        Labels own = p.getLabels();
        Labels.Builder extra = Labels.builder();
        labels.values().forEach((name, value) -> {
            if (!own.contains(name)) {
                extra.label(name, value);
            }
        });
        return own.merge(extra.build());
    }

    private MetricSnapshot relabel(MetricSnapshot s) {
        if (s instanceof CounterSnapshot c) {
            List<CounterDataPointSnapshot> points = new ArrayList<>();
            for (CounterDataPointSnapshot p : c.getDataPoints()) {
                points.add(new CounterDataPointSnapshot(p.getValue(), with(p), p.getExemplar(), p.getCreatedTimestampMillis(),
                        p.getScrapeTimestampMillis()));
            }
            return new CounterSnapshot(c.getMetadata(), points);
        }
        if (s instanceof GaugeSnapshot g) {
            List<GaugeDataPointSnapshot> points = new ArrayList<>();
            for (GaugeDataPointSnapshot p : g.getDataPoints()) {
                points.add(new GaugeDataPointSnapshot(p.getValue(), with(p), p.getExemplar(), p.getScrapeTimestampMillis()));
            }
            return new GaugeSnapshot(g.getMetadata(), points);
        }
        if (s instanceof HistogramSnapshot h) {
            List<HistogramDataPointSnapshot> points = new ArrayList<>();
            for (HistogramDataPointSnapshot p : h.getDataPoints()) {
                points.add(new HistogramDataPointSnapshot(p.getClassicBuckets(), p.getNativeSchema(),
                        p.getNativeZeroCount(), p.getNativeZeroThreshold(), p.getNativeBucketsForPositiveValues(),
                        p.getNativeBucketsForNegativeValues(), p.hasSum() ? p.getSum() : Double.NaN, with(p),
                        p.getExemplars(), p.getCreatedTimestampMillis(), p.getScrapeTimestampMillis()));
            }
            return new HistogramSnapshot(h.isGaugeHistogram(), h.getMetadata(), points);
        }
        if (s instanceof SummarySnapshot m) {
            List<SummaryDataPointSnapshot> points = new ArrayList<>();
            for (SummaryDataPointSnapshot p : m.getDataPoints()) {
                points.add(new SummaryDataPointSnapshot(p.hasCount() ? p.getCount() : -1, p.hasSum() ? p.getSum() : Double.NaN,
                        p.getQuantiles(), with(p), p.getExemplars(), p.getCreatedTimestampMillis(),
                        p.getScrapeTimestampMillis()));
            }
            return new SummarySnapshot(m.getMetadata(), points);
        }
        if (s instanceof InfoSnapshot i) {
            List<InfoDataPointSnapshot> points = new ArrayList<>();
            for (InfoDataPointSnapshot p : i.getDataPoints()) {
                points.add(new InfoDataPointSnapshot(with(p), p.getScrapeTimestampMillis()));
            }
            return new InfoSnapshot(i.getMetadata(), points);
        }
        if (s instanceof StateSetSnapshot st) {
            List<StateSetDataPointSnapshot> points = new ArrayList<>();
            for (StateSetDataPointSnapshot p : st.getDataPoints()) {
                String[] names = new String[p.size()];
                boolean[] values = new boolean[p.size()];
                for (int k = 0; k < p.size(); k++) {
                    names[k] = p.getName(k);
                    values[k] = p.isTrue(k);
                }
                points.add(new StateSetDataPointSnapshot(names, values, with(p), p.getScrapeTimestampMillis()));
            }
            return new StateSetSnapshot(st.getMetadata(), points);
        }
        if (s instanceof UnknownSnapshot u) {
            List<UnknownDataPointSnapshot> points = new ArrayList<>();
            for (UnknownDataPointSnapshot p : u.getDataPoints()) {
                points.add(new UnknownDataPointSnapshot(p.getValue(), with(p), p.getExemplar(), p.getScrapeTimestampMillis()));
            }
            return new UnknownSnapshot(u.getMetadata(), points);
        }
        throw new IllegalStateException("no relabelling for " + s.getClass().getName()); // a new snapshot type
    }
}
