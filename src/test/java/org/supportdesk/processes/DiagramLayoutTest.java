package org.supportdesk.processes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The diagrams in {@code processes/} read well when an analyst opens them in Camunda Modeler at its default zoom:
 * read from the diagram interchange (BPMNDI) of every {@code processes/*.bpmn}, without Spring and without an engine.
 * A failure names the file, the element ids and what overlaps, so that the fix can be made in Modeler.
 *
 * <p><b>What is checked</b>, on every BPMN plane of every file:
 * <ul>
 * <li>External labels (of events, gateways, data objects and stores, sequence flows) overlap no shape and no other
 * label. A label's box is its {@code BPMNLabel/dc:Bounds}, grown downwards when its name, wrapped to that width the way
 * bpmn-js wraps it, needs more lines than the bounds are tall (bpmn-js keeps the stored x, y and width and sizes the
 * height to the text).</li>
 * <li>Sequence flows run across no shape other than their own source and target (shapes shrunk by
 * {@value #FLOW_TOLERANCE} px, so that a flow docking at or running along a border does not count), start at their
 * source and end at their target.</li>
 * <li>Sequence flows run through no label other than their own.</li>
 * <li>Two sequence flows share a stretch only when they leave the same element or enter the same element (the usual
 * fan-out and merge trunks); a flow drawn back along the flow that led in cannot be told from it.</li>
 * <li>Every named event, gateway, data object or store and sequence flow has explicit label bounds (rather than leaving
 * the position to the default that bpmn-js computes on import: where a label appears is then decided in the file and
 * checked here); the bounds are wide enough that no word of the name is cut; and the label lies next to its element
 * (at most {@value #LABEL_MAX_GAP} px away), so that moving a label far off is no way to pass.</li>
 * <li>Names of tasks, call activities and collapsed sub-processes fit inside the box: wrapped the way bpmn-js wraps
 * them (12 px Arial, 7 px padding, lines of 14.4 px), the lines fit the height less 5 px at top and bottom, no word is
 * cut, and no line runs under the task-type icon in the top-left corner, the call-activity/loop marker at the bottom
 * centre or a boundary event attached to the activity (icon and marker areas as bpmn-js 18 draws them).</li>
 * </ul>
 *
 * <p><b>Containers</b> (expanded sub-processes, event sub-processes, pools and lanes) hold other shapes, so their area
 * is not an obstacle. What counts of them is their border (a label must not straddle it; a flow must not cross it
 * unless it starts or ends at the container, or inside it) and the name drawn at the top (a sub-process) or in the
 * left header band (a pool or lane), which is treated like a label.
 *
 * <p><b>Text metrics</b> are an approximation of what the browser measures: Arial advance widths per character (the
 * widths of Arial, Helvetica and Liberation Sans agree), no kerning, and the line-breaking rules of bpmn-js (break at
 * spaces and hyphens, cut a word only when it alone is wider than the line). External labels are 11 px with lines of
 * 13.2 px. Checked against bpmn-js 18 in headless Chromium, the lines come out the same and the widths within 2 px;
 * expressions such as {@code ${ticketNumber}:} are drawn as written, as one long word.
 *
 * <p><b>Not checked</b>: crossings of two flows (often unavoidable), a flow's own label touching its own line, the
 * direction of flows (left to right is kept by hand), text annotations and groups, message flows and associations,
 * colours, and the lanes' and pools' own names beyond their header band. Boundary events overlap their host's border by
 * design; only where they cover its name is reported, and their labels are checked like any other.
 */
class DiagramLayoutTest {

    private static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static final String BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI";
    private static final String DC = "http://www.omg.org/spec/DD/20100524/DC";
    private static final String DI = "http://www.omg.org/spec/DD/20100524/DI";

    private static final Path PROCESSES = Path.of("processes");

    /** A flow may touch or run along a shape's border by this much without crossing it. */
    private static final double FLOW_TOLERANCE = 2;
    /** A label further than this from its element is no longer read as belonging to it. */
    private static final double LABEL_MAX_GAP = 30;

    // bpmn-js text rendering (TextRenderer, Text): 12 px Arial inside shapes, 11 px outside, line height 1.2
    private static final double TASK_FONT = 12;
    private static final double TASK_LINE = TASK_FONT * 1.2;
    private static final double TASK_PADDING = 7;
    private static final double TASK_VERTICAL_MARGIN = 5;
    private static final double LABEL_FONT = 11;
    private static final double LABEL_LINE = LABEL_FONT * 1.2;
    private static final double DEFAULT_LABEL_WIDTH = 90;
    private static final double POOL_HEADER = 30;

    static Stream<Path> diagrams() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(PROCESSES)) {
            files = list.filter(file -> file.getFileName().toString().endsWith(".bpmn")).sorted().toList();
        }
        assertThat(files).as("diagrams in %s", PROCESSES.toAbsolutePath()).isNotEmpty();
        return files.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("diagrams")
    void labelsOverlapNoShapeAndNoOtherLabel(Path file) {
        check(file, (plane, problems) -> {
            List<Label> labels = plane.labels();
            for (Label label : labels) {
                for (Shape shape : plane.shapes()) {
                    if (shape.id().equals(label.ownerId()) && label.header()) {
                        continue;
                    }
                    if (shape.kind() == Kind.CONTAINER) {
                        if (label.box().overlaps(shape.bounds()) && !shape.bounds().contains(label.box())) {
                            problems.add(label.describe() + " straddles the border of " + shape.describe());
                        }
                    } else if (shape.kind() != Kind.IGNORED && label.box().overlaps(shape.bounds())) {
                        problems.add(label.describe() + " overlaps " + shape.describe());
                    }
                }
            }
            for (int i = 0; i < labels.size(); i++) {
                for (int j = i + 1; j < labels.size(); j++) {
                    if (labels.get(i).box().overlaps(labels.get(j).box())) {
                        problems.add(labels.get(i).describe() + " overlaps " + labels.get(j).describe());
                    }
                }
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("diagrams")
    void sequenceFlowsCrossNoShapeButTheirSourceAndTarget(Path file) {
        check(file, (plane, problems) -> {
            for (Edge edge : plane.edges()) {
                Shape source = plane.shape(edge.sourceRef());
                Shape target = plane.shape(edge.targetRef());
                if (edge.waypoints().size() < 2) {
                    problems.add(edge.describe() + " has fewer than two waypoints");
                    continue;
                }
                if (source == null || target == null) {
                    problems.add(edge.describe() + " connects " + edge.sourceRef() + " and " + edge.targetRef()
                            + ", which are not both drawn on this diagram");
                    continue;
                }
                Point start = edge.waypoints().get(0);
                Point end = edge.waypoints().get(edge.waypoints().size() - 1);
                if (!source.bounds().grow(FLOW_TOLERANCE).containsPoint(start)) {
                    problems.add(edge.describe() + " starts at " + start + ", away from its source "
                            + source.describe());
                }
                if (!target.bounds().grow(FLOW_TOLERANCE).containsPoint(end)) {
                    problems.add(edge.describe() + " ends at " + end + ", away from its target " + target.describe());
                }
                for (Shape shape : plane.shapes()) {
                    if (shape == source || shape == target || shape.kind() == Kind.IGNORED) {
                        continue;
                    }
                    for (Segment segment : edge.segments()) {
                        if (shape.kind() == Kind.CONTAINER) {
                            if (!plane.relatesTo(edge, shape)
                                    && segment.crossesBorderOf(shape.bounds(), FLOW_TOLERANCE)) {
                                problems.add(edge.describe() + ": segment " + segment + " crosses the border of "
                                        + shape.describe());
                                break;
                            }
                        } else if (segment.entersInterior(shape.bounds().grow(-FLOW_TOLERANCE))) {
                            problems.add(edge.describe() + ": segment " + segment + " runs across " + shape.describe());
                            break;
                        }
                    }
                }
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("diagrams")
    void sequenceFlowsRunThroughNoLabelButTheirOwn(Path file) {
        check(file, (plane, problems) -> {
            for (Edge edge : plane.edges()) {
                for (Label label : plane.labels()) {
                    if (label.ownerId().equals(edge.id())) {
                        continue;
                    }
                    for (Segment segment : edge.segments()) {
                        if (segment.entersInterior(label.box())) {
                            problems.add(edge.describe() + ": segment " + segment + " runs through "
                                    + label.describe());
                            break;
                        }
                    }
                }
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("diagrams")
    void sequenceFlowsShareStretchesOnlyWithFlowsFromTheSameSourceOrIntoTheSameTarget(Path file) {
        check(file, (plane, problems) -> {
            List<Edge> edges = plane.edges();
            for (int i = 0; i < edges.size(); i++) {
                for (int j = i + 1; j < edges.size(); j++) {
                    Edge a = edges.get(i);
                    Edge b = edges.get(j);
                    if (a.sourceRef().equals(b.sourceRef()) || a.targetRef().equals(b.targetRef())) {
                        continue;
                    }
                    for (Segment sa : a.segments()) {
                        Segment shared = b.segments().stream().filter(sb -> sa.sharedLength(sb) > FLOW_TOLERANCE)
                                .findFirst().orElse(null);
                        if (shared != null) {
                            problems.add(a.describe() + ": segment " + sa + " runs along segment " + shared + " of "
                                    + b.describe());
                            break;
                        }
                    }
                }
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("diagrams")
    void namedEventsGatewaysAndFlowsHaveLabelBoundsNextToThemThatHoldTheName(Path file) {
        check(file, (plane, problems) -> {
            List<Owner> owners = new ArrayList<>();
            plane.shapes().stream().filter(shape -> shape.kind().externalLabel).forEach(owners::add);
            owners.addAll(plane.edges());
            for (Owner owner : owners) {
                String name = owner.name();
                if (name.isEmpty()) {
                    continue;
                }
                Box bounds = owner.labelBounds();
                if (bounds == null || bounds.w() <= 0 || bounds.h() <= 0) {
                    problems.add(owner.describe() + " has a name but no label bounds (BPMNLabel/dc:Bounds): move its"
                            + " label in Modeler once so that its position is stored");
                    continue;
                }
                Text text = Text.wrap(name, bounds.w(), LABEL_FONT);
                if (!text.cutWords().isEmpty()) {
                    problems.add(owner.describe() + ": label bounds " + bounds + " are too narrow for the word(s) "
                            + text.cutWords() + ", which bpmn-js cuts; widen the label");
                }
                double gap = owner.gapTo(bounds);
                if (gap > LABEL_MAX_GAP) {
                    problems.add(owner.describe() + ": label " + bounds + " is " + Math.round(gap)
                            + " px away from it; move it next to it");
                }
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("diagrams")
    void taskNamesFitInsideTheirBoxes(Path file) {
        check(file, (plane, problems) -> {
            for (Shape shape : plane.shapes()) {
                if (shape.kind() != Kind.ACTIVITY || shape.name().isEmpty()) {
                    continue;
                }
                Box box = shape.bounds();
                Text text = Text.wrap(shape.name(), box.w() - 2 * TASK_PADDING, TASK_FONT);
                int lines = text.lines().size();
                int room = (int) Math.floor((box.h() - 2 * TASK_VERTICAL_MARGIN) / TASK_LINE);
                if (lines > room) {
                    problems.add(shape.describe() + ": its name needs " + lines + " lines " + text.lines()
                            + " but the " + size(box) + " box holds " + room + "; make the task wider or taller");
                }
                if (!text.cutWords().isEmpty()) {
                    problems.add(shape.describe() + ": the word(s) " + text.cutWords() + " are wider than the "
                            + size(box) + " box and are cut; make the task wider");
                }
                Map<String, Box> obstacles = new LinkedHashMap<>(shape.markers());
                plane.shapes().stream()
                        .filter(event -> shape.id().equals(event.semantic().getAttribute("attachedToRef")))
                        .forEach(event -> obstacles.put(event.describe(), event.bounds()));
                double top = box.y() + box.h() / 2 - lines * TASK_LINE / 2;
                for (int i = 0; i < lines; i++) {
                    String line = text.lines().get(i);
                    double width = Text.width(line.strip(), TASK_FONT);
                    Box lineBox = new Box(box.x() + box.w() / 2 - width / 2, top + i * TASK_LINE, width, TASK_LINE);
                    obstacles.forEach((what, obstacle) -> {
                        if (width > 0 && lineBox.overlaps(obstacle)) {
                            problems.add(shape.describe() + ": the line \"" + line.strip() + "\" of its name runs under"
                                    + " the " + what + "; make the task wider or taller, or move what is in the way");
                        }
                    });
                }
            }
        });
    }

    // ---------------------------------------------------------------------------------------------------------------

    private interface PlaneCheck {
        void check(Plane plane, List<String> problems);
    }

    private static void check(Path file, PlaneCheck planeCheck) {
        Document document = parse(file);
        List<String> problems = new ArrayList<>();
        for (Plane plane : Plane.all(document)) {
            planeCheck.check(plane, problems);
        }
        assertThat(problems)
                .withFailMessage(() -> file + ": " + problems.size() + " problem(s)\n  - "
                        + String.join("\n  - ", problems))
                .isEmpty();
    }

    private static Document parse(Path file) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder().parse(file.toFile());
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String size(Box box) {
        return fmt(box.w()) + "x" + fmt(box.h());
    }

    private static String fmt(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private static List<Element> children(Element parent, String namespace, String localName) {
        List<Element> result = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && namespace.equals(element.getNamespaceURI())
                    && localName.equals(element.getLocalName())) {
                result.add(element);
            }
        }
        return result;
    }

    private static Box bounds(Element parent) {
        List<Element> bounds = children(parent, DC, "Bounds");
        if (bounds.isEmpty()) {
            return null;
        }
        Element b = bounds.get(0);
        return new Box(number(b, "x"), number(b, "y"), number(b, "width"), number(b, "height"));
    }

    private static Box labelBounds(Element diElement) {
        List<Element> labels = children(diElement, BPMNDI, "BPMNLabel");
        return labels.isEmpty() ? null : bounds(labels.get(0));
    }

    private static double number(Element element, String attribute) {
        String value = element.getAttribute(attribute);
        return value.isEmpty() ? 0 : Double.parseDouble(value);
    }

    // --- the model --------------------------------------------------------------------------------------------------

    enum Kind {
        /** task, call activity, collapsed sub-process: the name is drawn inside */
        ACTIVITY(false),
        EVENT(true),
        GATEWAY(true),
        DATA(true),
        /** expanded sub-process, pool, lane: only the border and the name count */
        CONTAINER(false),
        /** text annotation, group and anything else: not checked */
        IGNORED(false);

        final boolean externalLabel;

        Kind(boolean externalLabel) {
            this.externalLabel = externalLabel;
        }

        static Kind of(Element semantic, Element diShape) {
            String type = semantic.getLocalName();
            if (type.endsWith("Event")) {
                return EVENT;
            }
            if (type.endsWith("Gateway")) {
                return GATEWAY;
            }
            if (type.equals("dataObjectReference") || type.equals("dataStoreReference")) {
                return DATA;
            }
            if (type.equals("participant") || type.equals("lane")) {
                return CONTAINER;
            }
            if (type.equals("subProcess") || type.equals("transaction") || type.equals("adHocSubProcess")) {
                return "true".equals(diShape.getAttribute("isExpanded")) ? CONTAINER : ACTIVITY;
            }
            if (type.equals("task") || type.endsWith("Task") || type.equals("callActivity")) {
                return ACTIVITY;
            }
            return IGNORED;
        }
    }

    interface Owner {
        String id();

        Element semantic();

        Box labelBounds();

        default String name() {
            return semantic().getAttribute("name").strip();
        }

        /** Type, id and name. */
        default String title() {
            String name = name();
            return semantic().getLocalName() + " " + id() + (name.isEmpty() ? "" : " \"" + name + "\"");
        }

        default String describe() {
            return title();
        }

        /** Distance between the element and a box, 0 when they touch or overlap. */
        double gapTo(Box box);

        /** Where bpmn-js draws the label: the stored bounds (grown to the text) or its default position. */
        default Label label() {
            String name = name();
            if (name.isEmpty()) {
                return null;
            }
            Box stored = labelBounds();
            if (stored != null && stored.w() > 0) {
                int lines = Text.wrap(name, stored.w(), LABEL_FONT).lines().size();
                Box text = new Box(stored.x(), stored.y(), stored.w(), lines * LABEL_LINE);
                return new Label(id(), "label of " + title(), stored.union(text), false);
            }
            Text text = Text.wrap(name, DEFAULT_LABEL_WIDTH, LABEL_FONT);
            double width = text.widest(LABEL_FONT);
            Point mid = defaultLabelMid();
            return new Label(id(), "label (at the default position) of " + title(),
                    new Box(mid.x() - width / 2, mid.y() - 10, width, text.lines().size() * LABEL_LINE), false);
        }

        Point defaultLabelMid();
    }

    record Shape(String id, Element semantic, Box bounds, Kind kind, Box labelBounds) implements Owner {

        @Override
        public String describe() {
            return title() + " " + bounds;
        }

        @Override
        public double gapTo(Box box) {
            return bounds.gap(box);
        }

        @Override
        public Point defaultLabelMid() {
            return new Point(bounds.x() + bounds.w() / 2, bounds.bottom() + 10);
        }

        /** The areas of the type icon (top left) and of the call/loop markers (bottom centre) of an activity. */
        Map<String, Box> markers() {
            Map<String, Box> markers = new LinkedHashMap<>();
            String type = semantic.getLocalName();
            // icon extents as bpmn-js draws them, relative to the task's top-left corner
            Box icon = switch (type) {
                case "task", "callActivity", "subProcess", "transaction", "adHocSubProcess" -> null;
                case "userTask" -> new Box(4, 4, 17, 20);
                case "serviceTask" -> new Box(4, 4, 19, 18);
                case "businessRuleTask" -> new Box(8, 8, 20, 12);
                default -> new Box(4, 4, 21, 20);
            };
            if (icon != null) {
                Box area = new Box(bounds.x() + icon.x(), bounds.y() + icon.y(), icon.w(), icon.h());
                markers.put("task-type icon at " + area, area);
            }
            boolean looped = !children(semantic, BPMN, "standardLoopCharacteristics").isEmpty()
                    || !children(semantic, BPMN, "multiInstanceLoopCharacteristics").isEmpty();
            boolean collapsed = type.equals("callActivity") || type.equals("subProcess") || type.equals("transaction")
                    || type.equals("adHocSubProcess");
            int count = (collapsed ? 1 : 0) + (looped ? 1 : 0);
            if (count > 0) {
                double width = 14 * count + 4 * (count - 1);
                Box area = new Box(bounds.x() + bounds.w() / 2 - width / 2, bounds.bottom() - 21, width, 14);
                markers.put("marker at " + area, area);
            }
            return markers;
        }
    }

    record Edge(String id, Element semantic, List<Point> waypoints, Box labelBounds) implements Owner {

        String sourceRef() {
            return semantic.getAttribute("sourceRef");
        }

        String targetRef() {
            return semantic.getAttribute("targetRef");
        }

        List<Segment> segments() {
            List<Segment> segments = new ArrayList<>();
            for (int i = 1; i < waypoints.size(); i++) {
                segments.add(new Segment(waypoints.get(i - 1), waypoints.get(i)));
            }
            return segments;
        }

        @Override
        public double gapTo(Box box) {
            return segments().stream().mapToDouble(segment -> segment.gap(box)).min().orElse(Double.MAX_VALUE);
        }

        @Override
        public Point defaultLabelMid() {
            double mid = waypoints.size() / 2.0 - 1;
            Point first = waypoints.get((int) Math.floor(mid));
            Point second = waypoints.get((int) Math.ceil(mid + 0.01));
            Point position = new Point((first.x() + second.x()) / 2, (first.y() + second.y()) / 2);
            // bpmn-js: above a segment that is not vertical, right of a vertical one
            return second.x() != first.x()
                    ? new Point(position.x(), position.y() - 15)
                    : new Point(position.x() + 15, position.y());
        }
    }

    /** A label as drawn: an external label, or the name of a container ({@code header}). */
    record Label(String ownerId, String what, Box box, boolean header) {

        String describe() {
            return what + " " + box;
        }
    }

    record Plane(String id, List<Shape> shapes, List<Edge> edges, Map<String, Element> semantic) {

        static List<Plane> all(Document document) {
            Map<String, Element> semantic = new LinkedHashMap<>();
            NodeList model = document.getElementsByTagNameNS(BPMN, "*");
            for (int i = 0; i < model.getLength(); i++) {
                Element element = (Element) model.item(i);
                if (element.hasAttribute("id")) {
                    semantic.put(element.getAttribute("id"), element);
                }
            }
            List<Plane> planes = new ArrayList<>();
            NodeList planeElements = document.getElementsByTagNameNS(BPMNDI, "BPMNPlane");
            for (int i = 0; i < planeElements.getLength(); i++) {
                Element plane = (Element) planeElements.item(i);
                List<Shape> shapes = new ArrayList<>();
                List<Edge> edges = new ArrayList<>();
                for (Element di : children(plane, BPMNDI, "BPMNShape")) {
                    Element element = semantic.get(di.getAttribute("bpmnElement"));
                    Box box = bounds(di);
                    if (element == null || box == null) {
                        throw new IllegalStateException(di.getAttribute("id") + " draws "
                                + di.getAttribute("bpmnElement") + ", which is not in the model or has no bounds");
                    }
                    shapes.add(new Shape(element.getAttribute("id"), element, box, Kind.of(element, di),
                            labelBounds(di)));
                }
                for (Element di : children(plane, BPMNDI, "BPMNEdge")) {
                    Element element = semantic.get(di.getAttribute("bpmnElement"));
                    if (element == null) {
                        throw new IllegalStateException(di.getAttribute("id") + " draws "
                                + di.getAttribute("bpmnElement") + ", which is not in the model");
                    }
                    if (!element.getLocalName().equals("sequenceFlow")) {
                        continue;
                    }
                    List<Point> waypoints = children(di, DI, "waypoint").stream()
                            .map(w -> new Point(number(w, "x"), number(w, "y"))).toList();
                    edges.add(new Edge(element.getAttribute("id"), element, waypoints, labelBounds(di)));
                }
                planes.add(new Plane(plane.getAttribute("id"), shapes, edges, semantic));
            }
            return planes;
        }

        Shape shape(String id) {
            return shapes.stream().filter(shape -> shape.id().equals(id)).findFirst().orElse(null);
        }

        /** External labels and the names of containers, as drawn. */
        List<Label> labels() {
            List<Label> labels = new ArrayList<>();
            for (Shape shape : shapes) {
                if (shape.kind().externalLabel) {
                    Label label = shape.label();
                    if (label != null) {
                        labels.add(label);
                    }
                } else if (shape.kind() == Kind.CONTAINER && !shape.name().isEmpty()) {
                    labels.add(header(shape));
                }
            }
            for (Edge edge : edges) {
                Label label = edge.label();
                if (label != null) {
                    labels.add(label);
                }
            }
            return labels;
        }

        private static Label header(Shape container) {
            Box b = container.bounds();
            String type = container.semantic().getLocalName();
            if (type.equals("participant") || type.equals("lane")) {
                return new Label(container.id(), "name of " + container.title(),
                        new Box(b.x(), b.y(), POOL_HEADER, b.h()), true);
            }
            Text text = Text.wrap(container.name(), b.w() - 2 * TASK_PADDING, TASK_FONT);
            double width = text.widest(TASK_FONT);
            return new Label(container.id(), "name of " + container.title(), new Box(b.x() + b.w() / 2 - width / 2,
                    b.y() + TASK_PADDING, width, text.lines().size() * TASK_LINE), true);
        }

        /**
         * Whether a flow belongs with a container: it starts or ends at the container, at one of its boundary events,
         * or inside it.
         */
        boolean relatesTo(Edge edge, Shape container) {
            return Stream.of(edge.sourceRef(), edge.targetRef())
                    .anyMatch(ref -> ref.equals(container.id()) || isInside(ref, container.id()));
        }

        private boolean isInside(String id, String containerId) {
            Element element = semantic.get(id);
            if (element == null) {
                return false;
            }
            if (containerId.equals(element.getAttribute("attachedToRef"))) {
                return true;
            }
            for (Node parent = element.getParentNode(); parent instanceof Element p; parent = p.getParentNode()) {
                if (containerId.equals(p.getAttribute("id"))) {
                    return true;
                }
            }
            Element container = semantic.get(containerId);
            if (container != null && container.getLocalName().equals("lane")) {
                return children(container, BPMN, "flowNodeRef").stream()
                        .anyMatch(ref -> id.equals(ref.getTextContent().strip()));
            }
            if (container != null && container.getLocalName().equals("participant")) {
                String process = container.getAttribute("processRef");
                return !process.isEmpty() && isInside(id, process);
            }
            return false;
        }
    }

    // --- geometry ---------------------------------------------------------------------------------------------------

    record Point(double x, double y) {
        @Override
        public String toString() {
            return "(" + fmt(x) + "," + fmt(y) + ")";
        }
    }

    record Box(double x, double y, double w, double h) {

        double right() {
            return x + w;
        }

        double bottom() {
            return y + h;
        }

        Box grow(double by) {
            return new Box(x - by, y - by, w + 2 * by, h + 2 * by);
        }

        Box union(Box o) {
            double left = Math.min(x, o.x);
            double top = Math.min(y, o.y);
            return new Box(left, top, Math.max(right(), o.right()) - left, Math.max(bottom(), o.bottom()) - top);
        }

        /** An overlap of some area; boxes that only touch do not overlap. */
        boolean overlaps(Box o) {
            return x < o.right() && o.x < right() && y < o.bottom() && o.y < bottom();
        }

        boolean contains(Box o) {
            return o.x >= x && o.right() <= right() && o.y >= y && o.bottom() <= bottom();
        }

        boolean containsPoint(Point p) {
            return p.x() >= x && p.x() <= right() && p.y() >= y && p.y() <= bottom();
        }

        double gap(Box o) {
            double dx = Math.max(0, Math.max(o.x - right(), x - o.right()));
            double dy = Math.max(0, Math.max(o.y - bottom(), y - o.bottom()));
            return Math.hypot(dx, dy);
        }

        @Override
        public String toString() {
            return "[x=" + fmt(x) + ", y=" + fmt(y) + ", w=" + fmt(w) + ", h=" + fmt(h) + "]";
        }
    }

    record Segment(Point a, Point b) {

        /** The part of the segment within the closed box, as parameters {t0, t1} along it, or null. */
        private double[] clip(Box box) {
            double t0 = 0;
            double t1 = 1;
            double dx = b.x() - a.x();
            double dy = b.y() - a.y();
            double[] p = {-dx, dx, -dy, dy};
            double[] q = {a.x() - box.x(), box.right() - a.x(), a.y() - box.y(), box.bottom() - a.y()};
            for (int i = 0; i < 4; i++) {
                if (p[i] == 0) {
                    if (q[i] < 0) {
                        return null;
                    }
                } else {
                    double t = q[i] / p[i];
                    if (p[i] < 0) {
                        t0 = Math.max(t0, t);
                    } else {
                        t1 = Math.min(t1, t);
                    }
                }
            }
            return t0 <= t1 ? new double[] {t0, t1} : null;
        }

        private Point at(double t) {
            return new Point(a.x() + (b.x() - a.x()) * t, a.y() + (b.y() - a.y()) * t);
        }

        /** Whether some of the segment lies strictly inside the box (running along its border does not count). */
        boolean entersInterior(Box box) {
            if (box.w() <= 0 || box.h() <= 0) {
                return false;
            }
            double[] t = clip(box);
            if (t == null) {
                return false;
            }
            Point mid = at((t[0] + t[1]) / 2);
            return mid.x() > box.x() && mid.x() < box.right() && mid.y() > box.y() && mid.y() < box.bottom();
        }

        /** Whether the segment passes over the border of a box (within the tolerance on either side of it). */
        boolean crossesBorderOf(Box box, double tolerance) {
            Box inner = box.grow(-tolerance);
            boolean inside = inner.containsPoint(a) && inner.containsPoint(b);
            return !inside && clip(box.grow(tolerance)) != null;
        }

        /** How long the two segments run on the same line, on top of each other. */
        double sharedLength(Segment o) {
            boolean horizontal = a.y() == b.y() && o.a.y() == o.b.y() && a.y() == o.a.y();
            boolean vertical = a.x() == b.x() && o.a.x() == o.b.x() && a.x() == o.a.x();
            if (horizontal) {
                return overlap(a.x(), b.x(), o.a.x(), o.b.x());
            }
            if (vertical) {
                return overlap(a.y(), b.y(), o.a.y(), o.b.y());
            }
            return 0;
        }

        private static double overlap(double a1, double a2, double b1, double b2) {
            return Math.min(Math.max(a1, a2), Math.max(b1, b2)) - Math.max(Math.min(a1, a2), Math.min(b1, b2));
        }

        double gap(Box box) {
            if (clip(box) != null) {
                return 0;
            }
            // the nearest of the segment's ends to the box, or of the box's corners to the segment
            double best = Math.min(box.gap(new Box(a.x(), a.y(), 0, 0)), box.gap(new Box(b.x(), b.y(), 0, 0)));
            for (Point corner : List.of(new Point(box.x(), box.y()), new Point(box.right(), box.y()),
                    new Point(box.x(), box.bottom()), new Point(box.right(), box.bottom()))) {
                best = Math.min(best, distance(corner));
            }
            return best;
        }

        private double distance(Point p) {
            double dx = b.x() - a.x();
            double dy = b.y() - a.y();
            double length = dx * dx + dy * dy;
            double along = length == 0 ? 0 : ((p.x() - a.x()) * dx + (p.y() - a.y()) * dy) / length;
            double t = Math.max(0, Math.min(1, along));
            return Math.hypot(p.x() - (a.x() + t * dx), p.y() - (a.y() + t * dy));
        }

        @Override
        public String toString() {
            return a + "-" + b;
        }
    }

    // --- text, laid out like bpmn-js (diagram-js lib/util/Text.js) --------------------------------------------------

    /** Lines of a laid-out text, and the words that had to be cut because they alone are wider than a line. */
    record Text(List<String> lines, List<String> cutWords) {

        /** Advance widths of Arial (= Helvetica, Liberation Sans) for ' ' to '~', in 1/1000 em. */
        private static final int[] ARIAL = {
            278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space to /
            556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0-9 : ; < = > ?
            1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @ A-O
            667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // P-Z [ \ ] ^ _
            333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // ` a-o
            556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584 // p-z { | } ~
        };
        private static final String SOFT_BREAK = "\u00AD";

        double widest(double fontSize) {
            return lines.stream().mapToDouble(line -> width(line.strip(), fontSize)).max().orElse(0);
        }

        static double width(String text, double fontSize) {
            double units = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                units += c >= ' ' && c <= '~' ? ARIAL[c - ' '] : 556;
            }
            return units * fontSize / 1000;
        }

        static Text wrap(String text, double maxWidth, double fontSize) {
            List<String> pending = new ArrayList<>(List.of(text.split("\u00AD?\r?\n", -1)));
            List<String> lines = new ArrayList<>();
            List<String> cut = new ArrayList<>();
            while (!pending.isEmpty()) {
                String original = pending.remove(0);
                String fit = original;
                while (!(fit.equals(" ") || fit.isEmpty() || fit.length() < 2
                        || width(fit.stripTrailing(), fontSize) <= maxWidth)) {
                    fit = shorten(fit, width(fit.stripTrailing(), fontSize), maxWidth);
                }
                if (fit.length() < original.length()) {
                    String rest = original.substring(fit.length());
                    if (!isBreak(fit.charAt(fit.length() - 1)) && !isBreak(rest.charAt(0))) {
                        cut.add(word(original, fit.length()));
                    }
                    pending.add(0, rest.strip());
                }
                lines.add(fit);
            }
            return new Text(lines, cut);
        }

        private static boolean isBreak(char c) {
            return Character.isWhitespace(c) || c == '-' || c == '\u00AD';
        }

        private static String word(String text, int at) {
            int start = at;
            while (start > 0 && !isBreak(text.charAt(start - 1))) {
                start--;
            }
            int end = at;
            while (end < text.length() && !isBreak(text.charAt(end))) {
                end++;
            }
            return text.substring(start, end);
        }

        private static String shorten(String line, double width, double maxWidth) {
            double length = Math.max(line.length() * (maxWidth / width), 1);
            String shortened = semanticShorten(line, length);
            return shortened.isEmpty() ? line.substring(0, (int) Math.max(Math.round(length - 1), 1)) : shortened;
        }

        /** Words and breaks (space, hyphen, soft hyphen) that fit within maxLength characters. */
        private static String semanticShorten(String line, double maxLength) {
            List<String> parts = new ArrayList<>();
            StringBuilder part = new StringBuilder();
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (isBreak(c)) {
                    parts.add(part.toString());
                    parts.add(String.valueOf(c));
                    part.setLength(0);
                } else {
                    part.append(c);
                }
            }
            parts.add(part.toString());
            List<String> kept = new ArrayList<>();
            int length = 0;
            if (parts.size() > 1) {
                for (String p : parts) {
                    if (p.isEmpty()) {
                        break;
                    }
                    if (p.length() + length < maxLength) {
                        kept.add(p);
                        length += p.length();
                    } else {
                        if ((p.equals("-") || p.equals(SOFT_BREAK)) && !kept.isEmpty()) {
                            kept.remove(kept.size() - 1);
                        }
                        break;
                    }
                }
            }
            if (!kept.isEmpty() && kept.get(kept.size() - 1).equals(SOFT_BREAK)) {
                kept.set(kept.size() - 1, "-");
            }
            return String.join("", kept);
        }
    }
}
