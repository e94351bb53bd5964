package dev.plugboard.registry.evaluation;

import java.util.concurrent.ScheduledFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Every {@code plugboard.evaluation.reclaim-interval}, returns jobs whose runner stopped
 * heartbeating to the queue. Leasing reclaims expired jobs by itself; this keeps the
 * status the API shows current when no runner is asking.
 */
@Component
class LeaseReclaimer {

	private static final Logger log = LoggerFactory.getLogger(LeaseReclaimer.class);

	private final JobQueue queue;

	private final TaskScheduler scheduler;

	private final EvaluationProperties properties;

	private volatile ScheduledFuture<?> task;

	LeaseReclaimer(JobQueue queue, TaskScheduler scheduler, EvaluationProperties properties) {
		this.queue = queue;
		this.scheduler = scheduler;
		this.properties = properties;
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		this.task = this.scheduler.scheduleWithFixedDelay(this::reclaim, this.properties.reclaimInterval());
	}

	@EventListener(ContextClosedEvent.class)
	void stop() {
		ScheduledFuture<?> running = this.task;
		if (running != null) {
			running.cancel(false);
		}
	}

	private void reclaim() {
		try {
			int reclaimed = this.queue.reclaimExpired();
			if (reclaimed > 0) {
				log.info("Reclaimed {} evaluation job(s) with expired leases", reclaimed);
			}
		}
		catch (RuntimeException ex) {
			log.warn("Could not reclaim expired evaluation leases: {}", ex.toString());
		}
	}

}
