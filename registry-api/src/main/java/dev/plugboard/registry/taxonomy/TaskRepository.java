package dev.plugboard.registry.taxonomy;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface TaskRepository extends JpaRepository<Task, String> {

	List<Task> findAllByOrderByAdapterTypeAscTaskAsc();

	List<Task> findByAdapterTypeOrderByTaskAsc(String adapterType);

}
