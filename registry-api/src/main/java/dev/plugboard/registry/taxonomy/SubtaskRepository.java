package dev.plugboard.registry.taxonomy;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface SubtaskRepository extends JpaRepository<Subtask, Subtask.Key> {

	List<Subtask> findByTaskOrderBySubtaskAsc(String task);

}
