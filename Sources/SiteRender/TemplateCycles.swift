/// Templates that include themselves, directly or through others: a cycle
/// of partials or parents would make rendering recurse until the process
/// dies, so it is found before anything is rendered.
enum TemplateCycles {
    struct Cycle: Equatable {
        /// The templates of the cycle, from the one that comes first by name.
        let names: [String]
        /// The line of the first template that names the next.
        let line: Int
    }

    /// Each cycle once, given what each template includes (with lines).
    static func find(_ uses: [String: [(line: Int, name: String)]]) -> [Cycle] {
        var cycles: [Cycle] = []
        var seen: Set<[String]> = []
        var finished: Set<String> = []
        func visit(_ name: String, _ path: [String]) {
            if let start = path.firstIndex(of: name) {
                var members = Array(path[start...])
                // Start at the smallest name, so one cycle found from anywhere is reported once.
                if let smallest = members.indices.min(by: { members[$0] < members[$1] }) {
                    members = Array(members[smallest...] + members[..<smallest])
                }
                if seen.insert(members).inserted {
                    let next = members.count > 1 ? members[1] : members[0]
                    let line = uses[members[0]]?.first { $0.name == next }?.line ?? 1
                    cycles.append(Cycle(names: members, line: line))
                }
                return
            }
            guard !finished.contains(name) else { return }
            for use in uses[name] ?? [] { visit(use.name, path + [name]) }
            finished.insert(name)
        }
        for name in uses.keys.sorted() { visit(name, []) }
        return cycles
    }
}
