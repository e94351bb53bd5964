package dev.plugboard.registry.taxonomy;

import java.io.Serializable;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A data set under a task; its id is unique only within the task. */
@Entity
@Table(name = "subtasks")
@IdClass(Subtask.Key.class)
public class Subtask {

	@Id
	private String task;

	@Id
	private String subtask;

	private String displayname;

	private String description;

	private String citation;

	private String url;

	private String language;

	@Column(name = "hf_datasets_id")
	private String hfDatasetsId;

	@Column(name = "metric_name")
	private String metricName;

	@Column(name = "metric_higher_is_better")
	private Boolean metricHigherIsBetter;

	protected Subtask() {
	}

	public Subtask(String task, String subtask, String displayname, String description, String citation, String url,
			String language, String hfDatasetsId, String metricName, Boolean metricHigherIsBetter) {
		this.task = task;
		this.subtask = subtask;
		this.displayname = displayname;
		this.description = description;
		this.citation = citation;
		this.url = url;
		this.language = language;
		this.hfDatasetsId = hfDatasetsId;
		this.metricName = metricName;
		this.metricHigherIsBetter = metricHigherIsBetter;
	}

	public String getTask() {
		return this.task;
	}

	public String getSubtask() {
		return this.subtask;
	}

	public String getDisplayname() {
		return this.displayname;
	}

	public String getDescription() {
		return this.description;
	}

	public String getCitation() {
		return this.citation;
	}

	public String getUrl() {
		return this.url;
	}

	public String getLanguage() {
		return this.language;
	}

	public String getHfDatasetsId() {
		return this.hfDatasetsId;
	}

	public String getMetricName() {
		return this.metricName;
	}

	public Boolean getMetricHigherIsBetter() {
		return this.metricHigherIsBetter;
	}

	public record Key(String task, String subtask) implements Serializable {

		public Key() {
			this(null, null);
		}

	}

}
