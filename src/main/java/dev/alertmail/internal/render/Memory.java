package dev.alertmail.internal.render;

import dev.alertmail.internal.incidents.Incident;
import dev.alertmail.internal.incidents.Restarts;
import java.util.ArrayList;
import java.util.List;

/** What the memory across restarts adds to an incident's block: its release mark, the lives it was counted across. */
final class Memory {

    private Memory() {}

    static List<EmailView.Fact> facts(Incident incident) {
        List<EmailView.Fact> facts = new ArrayList<>(2);
        String mark = incident.releaseMark();
        if (mark != null) {
            facts.add(new EmailView.Fact("release", mark));
        }
        Restarts lives = incident.restarts();
        if (lives.count() > 0) { // counted across lives of a crash loop
            List<String> ends = lives.recent().stream().map(ViewBuilder::time).toList();
            facts.add(new EmailView.Fact(
                    "restarted",
                    lives.count() + (lives.count() == 1 ? " time" : " times")
                            + " without a stop, counts of every life included (ended " + String.join(", ", ends)
                            + ")"));
        }
        return facts;
    }
}
