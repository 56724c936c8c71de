package io.github.tapbitrix24.extract;

import io.github.tapbitrix24.extract.children.ChildFollower;
import io.github.tapbitrix24.extract.children.DealChildrenReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The child streams riding along one parent read ({@link DealChildrenReader#canFollow}), their
 * outputs, and what they cost (each child's fetches are lanes of their own, counted per child).
 */
final class Riders {
    private DealChildrenReader reader;
    private final List<ChildFollower> followers = new ArrayList<>();
    private final List<SingerStreamOutput> outs = new ArrayList<>();

    void add(DealChildrenReader children, ChildFollower follower, SingerStreamOutput out) {
        reader = children;
        followers.add(follower);
        outs.add(out);
    }

    StreamOutput carry(StreamOutput parentOut) {
        return followers.isEmpty() ? parentOut : reader.carrying(parentOut, followers);
    }

    List<StreamSummary> summaries(String parent, String parentSkipped) {
        List<StreamSummary> out = new ArrayList<>();
        for (int i = 0; i < followers.size(); i++) {
            ChildFollower f = followers.get(i);
            String skipped = f.skipped() != null ? f.skipped()
                    : parentSkipped != null ? "read along with " + parent + ", which was skipped: " + parentSkipped
                    : null;
            out.add(new StreamSummary(f.stream(), outs.get(i).records(), f.httpRequests(), f.subCommands(),
                    Duration.ofNanos(f.nanos()), skipped));
        }
        return out;
    }
}
