package ru.edu.auditor.web;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Background jobs started from a page (a batch, an impact estimate), each visible only to the user who started it;
 * beyond {@code kept} the oldest are forgotten, so the registry stays small however many are started.
 */
final class OwnedJobs<J extends OwnedJobs.Job> {
    /** A job's identity: its id (in the page's address) and who started it. */
    interface Job {
        String id();

        String owner();
    }

    private final Map<String, J> jobs;

    OwnedJobs(int kept) {
        this.jobs = Collections.synchronizedMap(new LinkedHashMap<>() {
            @Override protected boolean removeEldestEntry(Map.Entry<String, J> e) { return size() > kept; }
        });
    }

    void add(J job) { jobs.put(job.id(), job); }

    /** The job {@code id} if {@code owner} started it; another user's job is as absent as an unknown one. */
    Optional<J> find(String id, String owner) {
        J job = id == null ? null : jobs.get(id);
        return job != null && job.owner().equals(owner) ? Optional.of(job) : Optional.empty();
    }
}
