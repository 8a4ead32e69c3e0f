using YamlDotNet.RepresentationModel;

namespace Grocery.Deploy.Tests;

public sealed class WorkflowTests
{
    [Fact]
    public void The_workflows_test_step_runs_the_same_command_as_ci_run()
    {
        var root = Tool.RepositoryRoot();
        var ciCommand = File.ReadAllLines(Path.Combine(root, ".ci", "run"))
            .Select(l => l.Trim())
            .Single(l => l.StartsWith("exec ", StringComparison.Ordinal))["exec ".Length..];
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(root, ".github", "workflows", "ci.yml"))));
        var jobs = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["jobs"];

        var steps = (YamlSequenceNode)((YamlMappingNode)jobs["test"])["steps"];
        var test = steps.Cast<YamlMappingNode>().Single(s => s.Children.TryGetValue("name", out var name) && name.ToString() == "Test");

        Assert.Equal(ciCommand, test["run"].ToString().Trim());
    }
}
