package dev.wsmon.app.desktop;

import dev.wsmon.app.viewmodel.ConnectionViewModel;
import dev.wsmon.app.viewmodel.MainViewModel;
import dev.wsmon.core.State;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;

/** The connection table: one row per connection, state as a coloured badge; selection drives the detail pane. */
final class ConnectionTable extends TableView<ConnectionViewModel> {

    ConnectionTable(MainViewModel vm, dev.wsmon.app.viewmodel.GlanceViewModel glance,
            java.util.function.Supplier<ContextMenu> rowMenu) {
        super(vm.connections());
        setId("connections");
        getStyleClass().add("connection-table");
        setPlaceholder(new Label("No connections. Add one with Ctrl+N, or open a profile with Ctrl+O."));
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        TableColumn<ConnectionViewModel, String> name = text("Name", c -> new javafx.beans.property.SimpleStringProperty(c.name()), 150);
        name.getStyleClass().add("name-column");
        TableColumn<ConnectionViewModel, State> state = new TableColumn<>("State");
        state.setCellValueFactory(f -> f.getValue().stateProperty());
        state.setCellFactory(col -> new BadgeCell());
        state.setPrefWidth(172); // room for the health badge beside the state
        state.setMinWidth(104);
        TableColumn<ConnectionViewModel, String> since = number("In state", ConnectionViewModel::timeInStateProperty, 96);
        TableColumn<ConnectionViewModel, String> last = number("Last RTT", ConnectionViewModel::lastRttProperty, 84);
        TableColumn<ConnectionViewModel, dev.wsmon.app.viewmodel.RttSparkline.Data> trend = new TableColumn<>();
        trend.setCellValueFactory(f -> glance.sparkline(f.getValue()));
        trend.setCellFactory(col -> new SparklineCell(() -> vm.windowProperty().get()));
        trend.getStyleClass().add("sparkline-column");
        trend.setPrefWidth(128);
        trend.setMinWidth(72);
        trend.setSortable(false);
        TableColumn<ConnectionViewModel, String> p95 = number("p95", ConnectionViewModel::p95Property, 78);
        TableColumn<ConnectionViewModel, String> loss = number("Loss", ConnectionViewModel::lossProperty, 62);
        TableColumn<ConnectionViewModel, String> reconnect = number("Reconnect", ConnectionViewModel::nextReconnectProperty, 92);
        vm.windowProperty().addListener((o, a, b) -> {
            p95.setText("p95 · " + b.stats().label());
            loss.setText("Loss · " + b.stats().label());
            trend.setText("RTT · " + b.stats().label());
        });
        trend.setText("RTT · " + vm.windowProperty().get().stats().label());
        p95.setText("p95 · " + vm.windowProperty().get().stats().label());
        loss.setText("Loss · " + vm.windowProperty().get().stats().label());
        TableColumn<ConnectionViewModel, dev.wsmon.app.viewmodel.ConnectionSpec> url = new TableColumn<>("URL");
        url.setCellValueFactory(f -> f.getValue().specProperty());
        url.setCellFactory(col -> new UrlCell());
        url.setPrefWidth(320);
        url.setMinWidth(160);
        getColumns().setAll(java.util.List.of(name, state, since, last, trend, p95, loss, reconnect, url));
        for (TableColumn<ConnectionViewModel, ?> c : getColumns()) {
            c.setReorderable(false);
        }

        getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.selectedProperty().set(b);
            }
        });
        vm.selectedProperty().addListener((o, a, b) -> {
            if (b != null && getSelectionModel().getSelectedItem() != b) {
                getSelectionModel().select(b);
            }
        });
        if (vm.selected() != null) {
            getSelectionModel().select(vm.selected());
        }
        setRowFactory(t -> {
            TableRow<ConnectionViewModel> row = new TableRow<>();
            row.contextMenuProperty().bind(javafx.beans.binding.Bindings.when(row.emptyProperty())
                    .then((ContextMenu) null).otherwise(rowMenu.get()));
            return row;
        });
    }

    private static TableColumn<ConnectionViewModel, String> text(String title,
            Function<ConnectionViewModel, ObservableValue<String>> value, double width) {
        TableColumn<ConnectionViewModel, String> c = new TableColumn<>(title);
        c.setCellValueFactory(f -> value.apply(f.getValue()));
        c.setPrefWidth(width);
        c.setMinWidth(80);
        return c;
    }

    private static TableColumn<ConnectionViewModel, String> number(String title,
            Function<ConnectionViewModel, ObservableValue<String>> value, double width) {
        TableColumn<ConnectionViewModel, String> c = text(title, value, width);
        c.getStyleClass().add("number-column");
        c.setMinWidth(width * 0.8);
        return c;
    }

    /**
     * The state as a badge: OPEN green, CONNECTING amber, CLOSING orange, CLOSED red; beside it the health when it is
     * not HEALTHY (DEGRADED amber, DOWN red), whose tooltip gives the reasons.
     */
    static final class BadgeCell extends TableCell<ConnectionViewModel, State> {
        private final Label badge = new Label();
        private final Label health = new Label();
        private final Tooltip healthTip = new Tooltip();
        private final HBox box = new HBox(4, badge, health);

        BadgeCell() {
            badge.getStyleClass().add("state-badge");
            badge.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            health.getStyleClass().addAll("tag", "health-badge");
            health.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            health.setTooltip(healthTip);
            health.managedProperty().bind(health.visibleProperty());
            health.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(health.textProperty()));
            health.textProperty().addListener((o, a, b) -> {
                health.getStyleClass().removeIf(c -> c.startsWith("health-") && !c.equals("health-badge"));
                if (!b.isEmpty()) {
                    health.getStyleClass().add("health-" + b.toLowerCase(Locale.ROOT));
                }
            });
            box.setAlignment(Pos.CENTER_LEFT);
            setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(State item, boolean empty) {
            super.updateItem(item, empty);
            health.textProperty().unbind();
            healthTip.textProperty().unbind();
            if (empty || item == null) {
                health.setText("");
                setGraphic(null);
                setTooltip(null);
                return;
            }
            badge.setText(item.name());
            badge.getStyleClass().removeIf(s -> s.startsWith("state-") && !s.equals("state-badge"));
            badge.getStyleClass().add("state-" + item.name().toLowerCase(Locale.ROOT));
            ConnectionViewModel c = getTableRow() == null ? null : getTableRow().getItem();
            String tip = c == null ? "" : tooltip(c.handshakeProperty().get(), c.lastCloseProperty().get());
            setTooltip(tip.isEmpty() ? null : new Tooltip(tip));
            if (c != null) {
                health.textProperty().bind(c.healthBadgeProperty());
                healthTip.textProperty().bind(c.healthTooltipProperty());
            } else {
                health.setText("");
            }
            setGraphic(box);
            setText(null);
        }
    }

    /** The last opening's phases and the last close, each on its own line where known. */
    static String tooltip(String handshake, String close) {
        String opened = handshake.isEmpty() ? "" : "Last handshake: " + handshake;
        String closed = close.isEmpty() ? "" : "Last close: " + close;
        return opened.isEmpty() || closed.isEmpty() ? opened + closed : opened + "\n" + closed;
    }

    /** The URL, in red with a tag when TLS checks are off, and a tag when routed through a fault proxy. */
    static final class UrlCell extends TableCell<ConnectionViewModel, dev.wsmon.app.viewmodel.ConnectionSpec> {
        private final Label url = new Label();
        private final Label tls = new Label("TLS checks OFF");
        private final Label proxy = new Label("via fault proxy");
        private final Label demo = new Label("demo");
        private final HBox box = new HBox(6, url, tls, proxy, demo);

        UrlCell() {
            tls.getStyleClass().addAll("tag", "tag-danger");
            proxy.getStyleClass().addAll("tag", "tag-info");
            demo.getStyleClass().addAll("tag", "tag-muted");
            url.setMinWidth(40);
            box.setAlignment(Pos.CENTER_LEFT);
            for (Label l : java.util.List.of(tls, proxy, demo)) {
                l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
                l.managedProperty().bind(l.visibleProperty());
            }
        }

        @Override
        protected void updateItem(dev.wsmon.app.viewmodel.ConnectionSpec spec, boolean empty) {
            super.updateItem(spec, empty);
            ConnectionViewModel item = getTableRow() == null ? null : getTableRow().getItem();
            if (empty || spec == null || item == null) {
                setGraphic(null);
                return;
            }
            url.setText(spec.displayUrl());
            boolean insecure = spec.insecure();
            url.getStyleClass().remove("insecure-url");
            if (insecure) {
                url.getStyleClass().add("insecure-url");
            }
            tls.setVisible(insecure);
            proxy.visibleProperty().bind(item.routeProperty().isNotNull().and(
                    javafx.beans.binding.Bindings.createBooleanBinding(() -> !spec.demo())));
            demo.setVisible(spec.demo());
            setGraphic(box);
            setText(null);
        }
    }
}
