// A ValidatingAdmissionPolicy evaluated as kube-apiserver evaluates it, without a server: the
// policy is compiled and run by k8s.io/apiserver's own admission code (pkg/admission/plugin/cel's
// CompositedCompiler for variables, matchConditions, validations and messageExpressions;
// matchconditions.NewMatcher; validating.NewValidator's Validate, which turns results into
// decisions and messages), on the CEL environment the server builds (environment.MustBaseEnvSet:
// cel-go with Kubernetes' libraries, cost limits and HomogeneousAggregateLiterals). The build
// pins k8s.io/apiserver, and with it github.com/google/cel-go, at the versions a Kubernetes release
// uses (test/cel-go/build.ts); compile_1_30.go and compile_1_37.go hold what differs between them.
//
// Input (stdin, JSON): {"policy": <ValidatingAdmissionPolicy>, "requests": [<request>...]}.
// Input "measure": true also runs each expression alone. Output (stdout, JSON): one result per
// request: whether the policy applied, the decisions, and the CEL cost spent on matchConditions,
// on validations and messages, and (measured) by each expression alone.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	admissionregistrationv1 "k8s.io/api/admissionregistration/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apiserver/pkg/admission"
	plugincel "k8s.io/apiserver/pkg/admission/plugin/cel"
	"k8s.io/apiserver/pkg/admission/plugin/policy/validating"
	"k8s.io/apiserver/pkg/admission/plugin/webhook/matchconditions"
	celconfig "k8s.io/apiserver/pkg/apis/cel"
	"k8s.io/apiserver/pkg/authentication/user"
	"k8s.io/apiserver/pkg/cel/environment"
)

type input struct {
	Policy   admissionregistrationv1.ValidatingAdmissionPolicy `json:"policy"`
	Requests []request                                         `json:"requests"`
	// Whether to measure each expression alone too (slower).
	Measure bool `json:"measure"`
}

// One admission request, as the API server hands it to the policy after matching (the resource
// and kind in the matched version).
type request struct {
	Name        string                 `json:"name"`
	Group       string                 `json:"group"`
	Version     string                 `json:"version"`
	Kind        string                 `json:"kind"`
	Resource    string                 `json:"resource"`
	SubResource string                 `json:"subResource"`
	Operation   string                 `json:"operation"`
	Namespace   string                 `json:"namespace"`
	Object      map[string]interface{} `json:"object"`
	OldObject   map[string]interface{} `json:"oldObject"`
	NsLabels    map[string]string      `json:"namespaceLabels"`
}

type decision struct {
	Action     string `json:"action"`
	Evaluation string `json:"evaluation"`
	Message    string `json:"message"`
	Reason     string `json:"reason"`
}

type expressionCost struct {
	Where string `json:"where"`
	Cost  int64  `json:"cost"`
	Error string `json:"error,omitempty"`
}

type result struct {
	Name string `json:"name"`
	// Whether every matchCondition was true (the validations ran).
	Matched        bool       `json:"matched"`
	MatchError     string     `json:"matchError,omitempty"`
	Decisions      []decision `json:"decisions"`
	CompileErrors  []string   `json:"compileErrors"`
	MatchCost      int64      `json:"matchConditionsCost"`
	ValidationCost int64      `json:"validationsCost"`
	// Each expression compiled and run alone (with the variables it reads), so that its own cost
	// is measured against the per-expression limit.
	Expressions []expressionCost `json:"expressions"`
}

func accessors[T any](items []T, f func(T) plugincel.ExpressionAccessor) []plugincel.ExpressionAccessor {
	out := make([]plugincel.ExpressionAccessor, len(items))
	for i, item := range items {
		out[i] = f(item)
	}
	return out
}

func validationAccessor(v admissionregistrationv1.Validation) plugincel.ExpressionAccessor {
	return &validating.ValidationCondition{Expression: v.Expression, Message: v.Message, Reason: v.Reason}
}

func messageAccessor(v admissionregistrationv1.Validation) plugincel.ExpressionAccessor {
	return &validating.MessageExpressionCondition{MessageExpression: v.MessageExpression}
}

func conditionAccessor(c admissionregistrationv1.MatchCondition) plugincel.ExpressionAccessor {
	return (*matchconditions.MatchCondition)(&c)
}

// A compiler with the policy's variables stored, as validating/plugin.go compilePolicy makes it.
func compilerFor(policy *admissionregistrationv1.ValidatingAdmissionPolicy) *plugincel.CompositedCompiler {
	compiler := newCompiler()
	variables := make([]plugincel.NamedExpressionAccessor, len(policy.Spec.Variables))
	for i, v := range policy.Spec.Variables {
		variables[i] = &validating.Variable{Name: v.Name, Expression: v.Expression}
	}
	compiler.CompileAndStoreVariables(variables, declarations(true), environment.StoredExpressions)
	return compiler
}

func attributes(r request) *admission.VersionedAttributes {
	gvk := schema.GroupVersionKind{Group: r.Group, Version: r.Version, Kind: r.Kind}
	gvr := schema.GroupVersionResource{Group: r.Group, Version: r.Version, Resource: r.Resource}
	var object, oldObject runtime.Object
	if r.Object != nil {
		object = &unstructured.Unstructured{Object: r.Object}
	}
	if r.OldObject != nil {
		oldObject = &unstructured.Unstructured{Object: r.OldObject}
	}
	name, _, _ := unstructured.NestedString(r.Object, "metadata", "name")
	attr := admission.NewAttributesRecord(object, oldObject, gvk, r.Namespace, name, gvr, r.SubResource,
		admission.Operation(r.Operation), nil, false, &user.DefaultInfo{Name: "jane", Groups: []string{"system:authenticated"}})
	return versioned(attr, object, oldObject, gvk)
}

func namespaceOf(r request) *corev1.Namespace {
	labels := map[string]string{"kubernetes.io/metadata.name": r.Namespace}
	for k, v := range r.NsLabels {
		labels[k] = v
	}
	ns := &corev1.Namespace{}
	ns.Name = r.Namespace
	ns.Labels = labels
	ns.Status.Phase = corev1.NamespaceActive
	return ns
}

func metav1GVR(attr *admission.VersionedAttributes) metav1.GroupVersionResource {
	return metav1.GroupVersionResource(attr.GetResource())
}

func metav1GVK(attr *admission.VersionedAttributes) metav1.GroupVersionKind {
	return metav1.GroupVersionKind(attr.VersionedKind)
}

func errorText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// The cost of running `exprs` on the request with `budget`, and each result's error.
func cost(ev evaluator, attr *admission.VersionedAttributes, r request, budget int64, ns *corev1.Namespace) (int64, []plugincel.EvaluationResult, error) {
	req := plugincel.CreateAdmissionRequest(attr.Attributes, metav1GVR(attr), metav1GVK(attr))
	results, remaining, err := ev.ForInput(context.Background(), attr, req, plugincel.OptionalVariableBindings{}, ns, budget)
	return budget - remaining, results, err
}

// A policy compiled once, as the server compiles it, for every request.
type compiled struct {
	policy      *admissionregistrationv1.ValidatingAdmissionPolicy
	conditions  evaluator
	validations evaluator
	messages    evaluator
	matcher     matchconditions.Matcher
	validator   validating.Validator
	// Each expression alone, with its place and the namespace it is given (none for matchConditions).
	alone []aloneExpression
}

type aloneExpression struct {
	where          string
	evaluator      evaluator
	matchCondition bool
}

func compilePolicy(policy *admissionregistrationv1.ValidatingAdmissionPolicy, measure bool) *compiled {
	compiler := compilerFor(policy)
	c := &compiled{policy: policy}
	c.conditions = compile(compiler, accessors(policy.Spec.MatchConditions, conditionAccessor), declarations(true))
	c.validations = compile(compiler, accessors(policy.Spec.Validations, validationAccessor), declarations(true))
	c.messages = compile(compiler, accessors(policy.Spec.Validations, messageAccessor), declarations(false))
	c.matcher = matchconditions.NewMatcher(c.conditions, policy.Spec.FailurePolicy, "policy", "validate", policy.Name)
	c.validator = newValidator(c.validations, c.matcher, c.messages, policy.Spec.FailurePolicy)
	if !measure {
		return c
	}
	add := func(where string, accessor plugincel.ExpressionAccessor, withAuthorizer, matchCondition bool) {
		c.alone = append(c.alone, aloneExpression{where, compile(compiler, []plugincel.ExpressionAccessor{accessor}, declarations(withAuthorizer)), matchCondition})
	}
	for i, mc := range policy.Spec.MatchConditions {
		add(fmt.Sprintf("spec.matchConditions[%d]", i), conditionAccessor(mc), true, true)
	}
	for i, v := range policy.Spec.Variables {
		add(fmt.Sprintf("spec.variables[%d]", i), &validating.ValidationCondition{Expression: "size([variables." + v.Name + "]) == 1"}, true, false)
	}
	for i, v := range policy.Spec.Validations {
		add(fmt.Sprintf("spec.validations[%d].expression", i), validationAccessor(v), true, false)
		add(fmt.Sprintf("spec.validations[%d].messageExpression", i), messageAccessor(v), false, false)
	}
	return c
}

func evaluate(c *compiled, r request) result {
	out := result{Name: r.Name, Decisions: []decision{}, CompileErrors: []string{}, Expressions: []expressionCost{}}
	for _, errs := range [][]error{compilationErrors(c.conditions), compilationErrors(c.validations), compilationErrors(c.messages)} {
		for _, err := range errs {
			out.CompileErrors = append(out.CompileErrors, err.Error())
		}
	}
	attr := attributes(r)
	ns := namespaceOf(r)
	matched := match(c.matcher, attr)
	out.MatchError = errorText(matched.Error)
	// The matcher passes no namespace to matchConditions (webhook/matchconditions/matcher.go).
	out.MatchCost, _, _ = cost(c.conditions, attr, r, celconfig.RuntimeCELCostBudgetMatchConditions, nil)
	if matched.Error != nil || !matched.Matches {
		return out
	}
	out.Matched = true
	gvr := schema.GroupVersionResource{Group: r.Group, Version: r.Version, Resource: r.Resource}
	for _, d := range validate(c.validator, gvr, attr, ns) {
		if d.Action == validating.ActionAdmit {
			continue
		}
		out.Decisions = append(out.Decisions, decision{Action: string(d.Action), Evaluation: string(d.Evaluation), Message: d.Message, Reason: string(d.Reason)})
	}
	validationCost, _, _ := cost(c.validations, attr, r, celconfig.RuntimeCELCostBudget, ns)
	messageCost, _, _ := cost(c.messages, attr, r, celconfig.RuntimeCELCostBudget, ns)
	out.ValidationCost = validationCost + messageCost
	for _, a := range c.alone {
		namespace := ns
		if a.matchCondition {
			namespace = nil
		}
		spent, results, err := cost(a.evaluator, attr, r, celconfig.RuntimeCELCostBudget, namespace)
		e := errorText(err)
		if e == "" && len(results) > 0 {
			e = errorText(results[0].Error)
		}
		out.Expressions = append(out.Expressions, expressionCost{Where: a.where, Cost: spent, Error: e})
	}
	return out
}

func main() {
	var in input
	if err := json.NewDecoder(os.Stdin).Decode(&in); err != nil {
		fmt.Fprintf(os.Stderr, "cannot read the input: %v\n", err)
		os.Exit(2)
	}
	c := compilePolicy(&in.Policy, in.Measure)
	results := make([]result, len(in.Requests))
	for i, r := range in.Requests {
		results[i] = evaluate(c, r)
	}
	if err := json.NewEncoder(os.Stdout).Encode(results); err != nil {
		fmt.Fprintf(os.Stderr, "cannot write the output: %v\n", err)
		os.Exit(2)
	}
}
