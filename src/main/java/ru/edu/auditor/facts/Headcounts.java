package ru.edu.auditor.facts;

import java.util.ArrayList;
import java.util.List;

/** Head counts of the organization by group, each with how many are registered in Sferum. */
public class Headcounts {
    private Headcount employees;
    private Headcount teachers;
    private Headcount students;
    private Headcount parents;

    public Headcounts() { }
    public Headcounts(Headcount employees, Headcount teachers, Headcount students, Headcount parents) {
        this.employees = employees; this.teachers = teachers; this.students = students; this.parents = parents;
    }

    public Headcount getEmployees() { return employees; }
    public Headcount getTeachers() { return teachers; }
    public Headcount getStudents() { return students; }
    public Headcount getParents() { return parents; }

    /** The reported groups, each labelled with its group name, ready to be inserted as facts. */
    public List<Headcount> labelled() {
        List<Headcount> out = new ArrayList<>();
        if (employees != null) out.add(employees.withGroup("employees"));
        if (teachers != null) out.add(teachers.withGroup("teachers"));
        if (students != null) out.add(students.withGroup("students"));
        if (parents != null) out.add(parents.withGroup("parents"));
        return out;
    }
}
