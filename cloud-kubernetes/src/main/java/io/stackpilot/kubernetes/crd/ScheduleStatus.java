package io.stackpilot.kubernetes.crd;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.stackpilot.kubernetes.crd.ServerStatus.ConditionStatus;
import java.util.List;

/**
 * A Schedule's status as the schedules API shows it: {@code scheduleID}; {@code active} whether the window is open;
 * {@code wantedCount} the servers wanted now; {@code servers} those the schedule holds now; {@code nextChange} when
 * the wanted count changes next (the open window's end, else the next window's start), with {@code nextStart} and
 * {@code nextEnd}; the Ready condition; and the spec the schedule was created with ({@code createdWith}: flavor,
 * image, networks, preemptible), to report a later change of those as a condition.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ScheduleStatus(String phase, String scheduleID, Boolean active, Integer wantedCount, Integer servers,
                             String nextChange, String nextStart, String nextEnd, List<ConditionStatus> conditions,
                             Long observedGeneration, String createdWith) {
    public ScheduleStatus {
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
    }
}
