import Foundation

/// Records what swift-mustache asks of a page's views while it renders the
/// page's template, and answers each text with a stand-in. swift-mustache's
/// output depends on the template, on what is not text in the answers (which
/// names are there, flags, views and their kinds, how many items a list has)
/// and, for a text, on whether it is empty or ends in a line break (after
/// which a partial's next line is indented); the text's own characters only
/// go where it is shown, escaped or not. So another page whose views give the
/// same answers to the same questions (`TemplateTrace.replay`) renders as the
/// stand-ins' output with its own texts in their places (`TemplateSkeleton`).
final class TemplateProbe {
    /// A view the library met through this probe: the box's way back to it. (The probe
    /// holds no node, so the boxes the library drops free it once the render is done.)
    final class Node {
        let probe: TemplateProbe
        let index: Int

        init(probe: TemplateProbe, index: Int) {
            self.probe = probe
            self.index = index
        }

        func answer(_ name: String, of view: any TemplateView) -> Any? {
            probe.answer(name, of: view, node: index)
        }
    }

    /// The page's view.
    private let view: any TemplateView
    private var entries: [TemplateTrace.Entry] = []
    /// The texts answered so far, by stand-in number: the probed page's own.
    private(set) var texts: [String] = []
    /// Whether each ends in a line break of its own, which its stand-in ends in too.
    private var lineEnds: [Bool] = []
    /// Set when a text was answered that no stand-in can stand for (`TemplateTrace.Slot.of`): the trace is no use.
    private(set) var unusable = false
    private var nodes = 1

    init(_ view: any TemplateView) {
        self.view = view
    }

    /// The page's view boxed for the library, whose lookups are recorded.
    var root: TemplateBox { TemplateBox(view, probe: Node(probe: self, index: 0)) }

    var trace: TemplateTrace {
        TemplateTrace(root: ObjectIdentifier(type(of: view)), entries: entries, lineEnds: lineEnds, nodes: nodes)
    }

    private func answer(_ name: String, of view: any TemplateView, node: Int) -> Any? {
        let value = view.answer(name)
        let answer: TemplateTrace.Answer
        let shown: Any?
        switch value {
        case nil:
            (answer, shown) = (.none, nil)
        case .flag(let flag)?:
            (answer, shown) = (.flag(flag), flag)
        case .text(let text)?:
            let (slot, standIn) = stand(text)
            (answer, shown) = (.text(slot), standIn)
        case .texts(let list)?:
            let stood = list.map(stand)
            (answer, shown) = (.texts(stood.map(\.slot)), stood.map(\.standIn))
        case .view(let box)?:
            (answer, shown) = (.view(ObjectIdentifier(type(of: box.view))), TemplateBox(box.view, probe: Node(probe: self, index: nodes)))
            nodes += 1
        case .list(let boxes)?:
            let first = nodes
            nodes += boxes.count
            answer = .list(boxes.map { ObjectIdentifier(type(of: $0.view)) })
            shown = boxes.enumerated().map { TemplateBox($0.element.view, probe: Node(probe: self, index: first + $0.offset)) }
        }
        entries.append(TemplateTrace.Entry(node: node, ask: type(of: view).asker(name), answer: answer))
        return shown
    }

    /// The text's slot, and what the library is shown of it: a stand-in, numbered, or the text itself when empty.
    private func stand(_ text: TemplateText) -> (slot: TemplateTrace.Slot, standIn: TemplateText) {
        guard let slot = TemplateTrace.Slot.of(text.text, number: texts.count) else {
            unusable = true
            return (.empty, text)
        }
        switch slot {
        case .empty:
            return (slot, text)
        case .shown(_, let endsLine):
            texts.append(text.text)
            lineEnds.append(endsLine)
            return (slot, TemplateText(text: TemplateSkeleton.standIn(texts.count - 1, endsLine: endsLine)))
        }
    }
}

/// What the library asked of a page's views, in order, and what they answered,
/// each text as its slot (`TemplateProbe`).
///
/// Made whole before it is shared, never changed: its askers each hold a view class's key.
struct TemplateTrace: @unchecked Sendable {
    struct Entry {
        /// The view asked: 0 the page's, then each view as it was answered, a list's in order.
        let node: Int
        /// The name asked, read as the key of the view's class (which the replay checks).
        let ask: TemplateAsker
        let answer: Answer
    }

    enum Answer: Sendable, Equatable {
        case none
        case flag(Bool)
        case text(Slot)
        case texts([Slot])
        /// The view's class (`{{.}}` shows its name).
        case view(ObjectIdentifier)
        case list([ObjectIdentifier])
    }

    /// A text as it bears on the rest of the output.
    enum Slot: Sendable, Equatable {
        case empty
        /// Shown through stand-in `number`; `endsLine` when it ends in a line break of its own,
        /// which the stand-in ends in too (the text then fills the stand-in without it).
        case shown(number: Int, endsLine: Bool)

        /// Nil for a text whose last character could join what follows (a carriage return)
        /// or what came before (a lone line feed after a carriage return): the library's
        /// test of its output's last character could then tell it from its stand-in.
        static func of(_ text: String, number: Int) -> Slot? {
            let utf8 = text.utf8
            guard let last = utf8.last else { return .empty }
            if last == 0x0D { return nil }
            guard last == 0x0A else { return .shown(number: number, endsLine: false) }
            guard utf8.count >= 2, utf8[utf8.index(utf8.endIndex, offsetBy: -2)] != 0x0D else { return nil }
            return .shown(number: number, endsLine: true)
        }

        func holds(_ text: String) -> Bool {
            switch (self, Slot.of(text, number: 0)) {
            case (.empty, .empty?): true
            case (.shown(_, let endsLine), .shown(_, let other)?): endsLine == other
            default: false
            }
        }
    }

    /// The page's view's class.
    let root: ObjectIdentifier
    let entries: [Entry]
    /// For each stand-in, whether its text ends in a line break, which the stand-in's output holds already.
    let lineEnds: [Bool]
    /// How many views the probed render answered.
    let nodes: Int

    /// How many stand-ins.
    var texts: Int { lineEnds.count }

    /// The texts that fill the stand-ins when `view`'s answers to the trace's questions are
    /// those recorded (but for the texts' own characters); nil at the first that is not.
    func replay(_ view: any TemplateView) -> [String]? {
        guard ObjectIdentifier(type(of: view)) == root else { return nil }
        var views: [any TemplateView] = [view]
        views.reserveCapacity(nodes)
        var texts = [String](repeating: "", count: self.texts)
        func fill(_ slot: Slot, with text: String) -> Bool {
            guard slot.holds(text) else { return false }
            if case .shown(let number, _) = slot { texts[number] = text }
            return true
        }
        for entry in entries {
            let value = entry.ask(views[entry.node])
            switch (entry.answer, value) {
            case (.none, nil):
                continue
            case (.flag(let flag), .flag(let other)?):
                guard flag == other else { return nil }
            case (.text(let slot), .text(let text)?):
                guard fill(slot, with: text.text) else { return nil }
            case (.texts(let slots), .texts(let list)?):
                guard slots.count == list.count else { return nil }
                for (slot, text) in zip(slots, list) where !fill(slot, with: text.text) { return nil }
            case (.view(let kind), .view(let box)?):
                guard kind == ObjectIdentifier(type(of: box.view)) else { return nil }
                views.append(box.view)
            case (.list(let kinds), .list(let boxes)?):
                guard kinds.count == boxes.count else { return nil }
                for (kind, box) in zip(kinds, boxes) {
                    guard kind == ObjectIdentifier(type(of: box.view)) else { return nil }
                    views.append(box.view)
                }
            default:
                return nil
            }
        }
        return texts
    }
}
