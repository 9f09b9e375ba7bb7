//go:build !k8s130

// What differs in k8s.io/apiserver v0.37: CompileCondition returns a ConditionEvaluator;
// compilePolicy (pkg/admission/plugin/policy/validating/plugin.go@v0.37.2) always uses the strict
// cost environment, MustBaseEnvSet(DefaultCompatibilityVersion()).
package main

import (
	"context"

	admissionregistrationv1 "k8s.io/api/admissionregistration/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apiserver/pkg/admission"
	plugincel "k8s.io/apiserver/pkg/admission/plugin/cel"
	"k8s.io/apiserver/pkg/admission/plugin/policy/validating"
	"k8s.io/apiserver/pkg/admission/plugin/webhook/matchconditions"
	celconfig "k8s.io/apiserver/pkg/apis/cel"
	"k8s.io/apiserver/pkg/cel/environment"
)

type evaluator = plugincel.ConditionEvaluator

func newCompiler() *plugincel.CompositedCompiler {
	compiler, err := plugincel.NewCompositedCompiler(environment.MustBaseEnvSet(environment.DefaultCompatibilityVersion()))
	if err != nil {
		panic(err)
	}
	return compiler
}

func declarations(authorizer bool) plugincel.OptionalVariableDeclarations {
	return plugincel.OptionalVariableDeclarations{HasAuthorizer: authorizer}
}

func compile(c *plugincel.CompositedCompiler, exprs []plugincel.ExpressionAccessor, decls plugincel.OptionalVariableDeclarations) evaluator {
	return c.CompileCondition(exprs, decls, environment.StoredExpressions)
}

func compilationErrors(e evaluator) []error {
	return e.CompilationErrors()
}

func match(m matchconditions.Matcher, attr *admission.VersionedAttributes) matchconditions.MatchResult {
	return m.Match(context.Background(), attr, nil, nil)
}

func newValidator(validations evaluator, matcher matchconditions.Matcher, messages evaluator, fp *admissionregistrationv1.FailurePolicyType) validating.Validator {
	return validating.NewValidator(validations, matcher, compile(newCompiler(), nil, declarations(false)), messages, fp, nil)
}

func validate(v validating.Validator, gvr schema.GroupVersionResource, attr *admission.VersionedAttributes, ns *corev1.Namespace) []validating.PolicyDecision {
	return v.Validate(context.Background(), gvr, attr, nil, ns, celconfig.RuntimeCELCostBudget, nil).Decisions
}

// The versioned objects are LazyObjects from v0.37 (pkg/admission/conversion.go@v0.37.2).
func versioned(attr admission.Attributes, object, oldObject runtime.Object, gvk schema.GroupVersionKind) *admission.VersionedAttributes {
	return &admission.VersionedAttributes{Attributes: attr, VersionedObject: admission.NewLazyObject(object),
		VersionedOldObject: admission.NewLazyObject(oldObject), VersionedKind: gvk}
}
