import XCTest

/// What the real content uses of the Markdown for editors.
extension EndToEndTests {
    func testEachServicePageHasItsTreatmentAtAGlanceTable() throws {
        let pages = ["services/lutetium-psma/index.html": "the-lupsma-trial", "services/lutetium-octreotate/index.html": "the-netter-1-trial"]
        for (path, trial) in pages {
            let html = try workspace.read(path)
            XCTAssertTrue(html.contains("""
                <h2 id="treatment-at-a-glance">Treatment at a glance</h2>
                <div class="table-scroll" role="region" tabindex="0" aria-labelledby="treatment-at-a-glance">
                <table>
                <thead>
                <tr>
                <th scope="col">Question</th>
                <th scope="col">In short</th>
                """), path)
            // The table is the first to cite the trial and links to the evidence page's section on it.
            XCTAssertTrue(html.contains(##"<sup class="citation">[<a href="#ref-1" id="cite-1">1</a>]</sup>. Read our <a href="../../evidence/#\##(trial)">evidence page</a>.</td>"##), path)
        }
    }

    func testWhoMayBenefitHasANoteOnWhoMayNot() throws {
        let html = try workspace.read("who-may-benefit/index.html")
        XCTAssertTrue(html.contains("""
            <h2 id="theranostics-is-not-suitable-for-everyone">Theranostics is not suitable for everyone</h2>
            <aside class="callout callout-note" aria-label="Note">
            <p class="callout-label">Note</p>
            <p>Theranostics will not be the right choice for every patient
            """), html)
    }
}
